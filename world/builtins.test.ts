// The server's joined table (language, world and task-queue builtins): no
// name twice, and every LambdaMOO 1.8 builtin declared.

import { test } from "node:test";
import assert from "node:assert/strict";
import { World } from "../objects/world.ts";
import { Scheduler } from "./scheduler.ts";
import { DEFAULT_CONFIG } from "./config.ts";

const LAMBDAMOO_1_8 = `abs acos add_property add_verb asin atan binary_hash boot_player buffered_output_length call_function
caller_perms callers ceil children chparent clear_property connected_players connected_seconds connection_name
connection_option connection_options cos cosh create crypt ctime db_disk_size decode_binary delete_property
delete_verb disassemble dump_database encode_binary equal eval exp floatstr floor flush_input force_input
function_info idle_seconds index is_clear_property is_member is_player kill_task length listappend listdelete
listen listeners listinsert listset load_server_options log log10 match max max_object memory_usage min move
notify object_bytes open_network_connection output_delimiters parent pass players properties property_info
queue_info queued_tasks raise random read recycle renumber reset_max_object resume rindex rmatch seconds_left
server_log server_version set_connection_option set_player_flag set_property_info set_task_perms set_verb_args
set_verb_code set_verb_info setadd setremove shutdown sin sinh sqrt strcmp string_hash strsub substitute suspend
tan tanh task_id task_stack ticks_left time tofloat toint toliteral tonum toobj tostr trunc typeof unlisten
valid value_bytes value_hash verb_args verb_code verb_info verbs`.split(/\s+/);

test("the server's tables join without clashes and declare all of LambdaMOO 1.8", () => {
  const s = new Scheduler(new World(), DEFAULT_CONFIG, { notify: () => false, isConnected: () => false });
  const all = s.builtins;
  const missing = LAMBDAMOO_1_8.filter((n) => !all.has(n));
  assert.deepEqual(missing, []);
});
