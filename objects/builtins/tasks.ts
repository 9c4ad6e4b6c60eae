// Builtins about the running task and the server: callers, caller_perms,
// set_task_perms, server_version, server_log, memory_usage, notify, and the
// connection builtins, answered through the ConnectionInfo world/ supplies
// (with none, every player is disconnected). The task-queue and listener
// builtins live with the scheduler (world/task-builtins.ts, network-builtins.ts).

import { type Value, type Box, T, E, mkObj, mkList, listOf, isTrue, EMPTY_LIST } from "../../verbs/value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY } from "../../verbs/builtin-spec.ts";
import { MooError } from "../../verbs/errors.ts";
import { lineOf } from "../../verbs/program.ts";
import type { Frame, Task } from "../../verbs/task.ts";
import { formatCtime } from "../../verbs/builtins/time.ts";
import { fail, hostOf, worldOf, objArg } from "./perms.ts";

const framesOf = (ctx: BuiltinCtx): Frame[] => (ctx.task as Task | null)?.frames ?? [];

// ---- the running task ----

/** One callers() entry: {this, verb, programmer, verb location, player[, line]}. */
const frameEntry = (f: Frame, withLine: boolean): Value => {
  const e: Value[] = [f.self, f.verb, mkObj(f.progr), f.definer, f.player];
  // A caller's pc is already past its call instruction: the call's line is one back.
  if (withLine) e.push(lineOf(f.prog, Math.max(0, f.pc - 1)));
  return mkList(e);
};

/**
 * The entry LambdaMOO adds for a builtin that called a verb (move() calling
 * :enterfunc): {#-1, name, #-1, #-1, player[, pc]}. LambdaMOO's pc is the
 * builtin's private resume step; ours is plain data it never numbers, so 0.
 */
const builtinEntry = (name: string, player: Value, withLine: boolean): Value =>
  mkList(withLine ? [mkObj(-1), name, mkObj(-1), mkObj(-1), player, 0] : [mkObj(-1), name, mkObj(-1), mkObj(-1), player]);

/**
 * callers([include-line-numbers]): the frames below the current one, the
 * immediate caller first; line numbers only when asked (LambdaMOO
 * make_stack_list). A frame a builtin pushed is followed by that builtin's entry.
 */
const bf_callers = (args: Value[], ctx: BuiltinCtx): Value =>
  stackList(framesOf(ctx), args.length >= 1 && isTrue(args[0]!), false);

/**
 * A task's frames as LambdaMOO's make_stack_list gives them, top first:
 * callers() leaves out the running frame, task_stack() keeps it.
 */
export const stackList = (frames: readonly Frame[], withLines: boolean, withTop: boolean): Value => {
  const top = frames.length - 1;
  const out: Value[] = [];
  for (let i = top; i >= 0; i--) {
    const f = frames[i]!;
    if (i !== top || withTop) out.push(frameEntry(f, withLines));
    if (i !== 0 && f.bfResume) out.push(builtinEntry(f.bfResume.name, f.player, withLines));
  }
  return mkList(out);
};

/** caller_perms(): the programmer of the calling frame, #-1 at the bottom of the task. */
const bf_caller_perms = (_args: Value[], ctx: BuiltinCtx): Value => {
  const frames = framesOf(ctx);
  return mkObj(frames.length >= 2 ? frames[frames.length - 2]!.progr : -1);
};

/** set_task_perms(who): the current frame runs with who's rights from now on; a wizard's or to itself only. */
const bf_set_task_perms = (args: Value[], ctx: BuiltinCtx): Value => {
  const who = objArg(args[0]!);
  if (ctx.progr !== who && !ctx.wizard) fail(E.E_PERM);
  const frames = framesOf(ctx);
  frames[frames.length - 1]!.progr = who;
  return 0;
};

// ---- the server ----

export const SERVER_VERSION = "1.8.3+moo-server-0.1.0";

/**
 * What server_version(path) walks (LambdaMOO 1.8.3's version structure):
 * {name, value} pairs and groups. LambdaCore only compares server_version()
 * with an earlier answer, so the string keeps LambdaMOO's "major.minor.release" prefix.
 */
const VERSION_TREE: Value = mkList([
  mkList(["major", 1]), mkList(["minor", 8]), mkList(["release", 3]),
  mkList(["ext", "+moo-server-0.1.0"]), mkList(["string", SERVER_VERSION]),
  mkList(["features", EMPTY_LIST]),
  mkList(["options", EMPTY_LIST]),
  mkList(["source", mkList([mkList(["vcs", "moo-server"])])]),
]);

/**
 * One step of server_version(path): in a list of names and {name, value}
 * pairs, the value (or the bare name) called `seg`; case matters.
 */
const versionStep = (items: readonly Value[], seg: string): Value | undefined => {
  for (const it of items) {
    if (typeof it === "string" && it === seg) return it;
    if (typeof it === "object" && it.tag === T.LIST) {
      const pair = listOf(it);
      if (pair.length === 2 && pair[0] === seg) return pair[1]!;
    }
  }
  return undefined;
};

/**
 * server_version([path]): the version string; with a non-empty string path
 * ("major", "source/vcs"), that part of the version structure; with any other
 * argument, the whole structure. E_INVARG for a path that names nothing.
 */
const bf_server_version = (args: Value[]): Value => {
  if (args.length === 0) return SERVER_VERSION;
  const path = args[0]!;
  if (typeof path !== "string" || path === "") return VERSION_TREE;
  let node = VERSION_TREE, rest = path;
  for (;;) {
    const slash = rest.indexOf("/");
    const seg = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? "" : rest.slice(slash + 1);
    const found = versionStep(listOf(node as Box), seg) ?? fail(E.E_INVARG);
    if (rest === "") return found;
    if (typeof found !== "object" || found.tag !== T.LIST || listOf(found).length === 0) return fail(E.E_INVARG);
    node = found;
  }
};

/**
 * server_log(message [, is-error]): one line in the server's log, as
 * LambdaMOO writes it: "*** " for errors, then "> message". A running
 * server's log stamps it (and its operator console shows it); without one,
 * it goes to stderr with LambdaMOO's "Mmm dd hh:mm:ss: " stamp.
 */
const bf_server_log = (args: Value[], ctx: BuiltinCtx): Value => {
  const line = `${args.length >= 2 && isTrue(args[1]!) ? "*** " : ""}> ${args[0] as string}`;
  if (hostOf(ctx).serverLog(line)) return 0;
  const stamp = formatCtime(Math.floor(ctx.now() / 1000)).slice(4, 19);
  process.stderr.write(`${stamp}: ${line}\n`);
  return 0;
};

/** memory_usage(): LambdaMOO answers {} unless built with its own malloc; V8's heap has no block sizes to report. */
const bf_memory_usage = (): Value => EMPTY_LIST;

/**
 * notify(player, line [, no-flush]): queue a line for player's connections.
 * Only the player itself or a wizard may. Returns 1 even when nobody is
 * connected, as LambdaMOO does; no-flush matters only once output buffers
 * can fill, so it is accepted and ignored.
 */
const bf_notify = (args: Value[], ctx: BuiltinCtx): Value => {
  const who = objArg(args[0]!);
  if (ctx.progr !== who && !ctx.wizard) fail(E.E_PERM);
  hostOf(ctx).notify(who, args[1] as string);
  return 1;
};

// ---- declared now, finished when world/ has connections and a task queue ----
// Each does LambdaMOO's permission check in its order, then answers as
// LambdaMOO would with no connections, listeners or queued tasks.

const selfOrWizard = (ctx: BuiltinCtx, who: number): void => {
  if (ctx.progr !== who && !ctx.wizard) fail(E.E_PERM);
};

/** LambdaMOO's answer for a player with no connection. */
const NOT_CONNECTED = (): never => fail(E.E_INVARG);

/** connected_players([include-all]): logged-in players; with a true argument, unlogged connections too. */
const bf_connected_players = (args: Value[], ctx: BuiltinCtx): Value => {
  const all = args.length > 0 && isTrue(args[0]!);
  return mkList((hostOf(ctx).connections?.connected(all) ?? []).map(mkObj));
};

/** connection_name(player): self or wizard, then E_INVARG for a player not connected. */
const bf_connection_name = (args: Value[], ctx: BuiltinCtx): Value => {
  const who = objArg(args[0]!);
  selfOrWizard(ctx, who);
  return hostOf(ctx).connections?.nameOf(who) ?? NOT_CONNECTED();
};

/** boot_player(player): self or wizard; booting a player with no connection does nothing (LambdaMOO). */
const bf_boot_player = (args: Value[], ctx: BuiltinCtx): Value => {
  const who = objArg(args[0]!);
  selfOrWizard(ctx, who);
  hostOf(ctx).connections?.boot(who);
  return 0;
};

/** idle_seconds(player) and connected_seconds(player): E_INVARG when not connected (LambdaMOO checks no rights). */
const bf_idle_seconds = (args: Value[], ctx: BuiltinCtx): Value =>
  hostOf(ctx).connections?.idleSeconds(objArg(args[0]!)) ?? NOT_CONNECTED();
const bf_connected_seconds = (args: Value[], ctx: BuiltinCtx): Value =>
  hostOf(ctx).connections?.connectedSeconds(objArg(args[0]!)) ?? NOT_CONNECTED();

/** set_connection_option(conn, option, value): self or wizard, then E_INVARG (not connected, unknown option, or a value it does not take). */
const bf_set_connection_option = (args: Value[], ctx: BuiltinCtx): Value => {
  const conn = objArg(args[0]!);
  selfOrWizard(ctx, conn);
  if (!hostOf(ctx).connections?.setConnectionOption(conn, args[1] as string, args[2]!)) return NOT_CONNECTED();
  return 0;
};

/**
 * connection_options(conn) and connection_option(conn, name): E_INVARG when
 * not connected (checked first, as LambdaMOO does), then self or wizard,
 * then E_INVARG for an unknown name.
 */
const bf_connection_options = (args: Value[], ctx: BuiltinCtx): Value => {
  const conn = objArg(args[0]!);
  const info = hostOf(ctx).connections;
  if (info?.nameOf(conn) === undefined) return NOT_CONNECTED();
  selfOrWizard(ctx, conn);
  return info.connectionOption(conn, args.length > 1 ? (args[1] as string) : undefined) ?? NOT_CONNECTED();
};

/**
 * buffered_output_length([conn]): the most output a connection may leave
 * unread (config network.max_queued_output), or what conn has not yet read:
 * E_INVARG when not connected, then self or wizard.
 */
const bf_buffered_output_length = (args: Value[], ctx: BuiltinCtx): Value => {
  const info = hostOf(ctx).connections;
  if (args.length === 0) return info?.maxQueuedOutput ?? 0;
  const conn = objArg(args[0]!);
  const n = info?.bufferedOutput(conn);
  if (n === undefined) return NOT_CONNECTED();
  selfOrWizard(ctx, conn);
  return n;
};

/** force_input(conn, line [, at-front]): self or wizard; the line is queued as if conn had typed it. */
const bf_force_input = (args: Value[], ctx: BuiltinCtx): Value => {
  const conn = objArg(args[0]!);
  selfOrWizard(ctx, conn);
  const info = hostOf(ctx).connections;
  if (!info) throw new MooError(E.E_INVARG, "No input queue");
  info.forceInput(conn, args[1] as string, args.length > 2 && isTrue(args[2]!));
  return 0;
};

/** flush_input(conn [, show-messages]): self or wizard; drops the lines typed ahead on conn. */
const bf_flush_input = (args: Value[], ctx: BuiltinCtx): Value => {
  const conn = objArg(args[0]!);
  selfOrWizard(ctx, conn);
  hostOf(ctx).connections?.flushInput(conn, args.length > 1 && isTrue(args[1]!));
  return 0;
};

/** output_delimiters(player): self or wizard; {prefix, suffix} as PREFIX and SUFFIX set them, E_INVARG when not connected. */
const bf_output_delimiters = (args: Value[], ctx: BuiltinCtx): Value => {
  const who = objArg(args[0]!);
  selfOrWizard(ctx, who);
  const d = hostOf(ctx).connections?.delimiters(who);
  return d ? mkList(d) : NOT_CONNECTED();
};

/** shutdown([message]): the server stops once the running task ends (E_INVARG where there is no server). */
const bf_shutdown = (args: Value[], ctx: BuiltinCtx): Value => {
  const message = args.length > 0 ? (args[0] as string) : "";
  if (!hostOf(ctx).shutdown(message)) throw new MooError(E.E_INVARG, "This world has no server to shut down");
  return 0;
};

/**
 * dump_database(): LambdaMOO schedules a checkpoint. Every task's changes
 * are already committed when it ends or suspends, so this starts an online
 * backup instead (config database.backup_dir), and returns at once as LambdaMOO does.
 */
const bf_dump_database = (_args: Value[], ctx: BuiltinCtx): Value => {
  hostOf(ctx).backup();
  return 0;
};


export const taskBuiltins: BuiltinSpec[] = [
  { name: "callers", min: 0, max: 1, types: [ANY], perm: "anyone", fn: bf_callers },
  { name: "caller_perms", min: 0, max: 0, types: [], perm: "anyone", fn: bf_caller_perms },
  { name: "set_task_perms", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_set_task_perms },
  { name: "server_version", min: 0, max: 1, types: [ANY], perm: "anyone", fn: bf_server_version },
  { name: "server_log", min: 1, max: 2, types: [T.STR, ANY], perm: "wizard", fn: bf_server_log },
  { name: "memory_usage", min: 0, max: 0, types: [], perm: "anyone", fn: bf_memory_usage },
  { name: "notify", min: 2, max: 3, types: [T.OBJ, T.STR, ANY], perm: "anyone", fn: bf_notify },
  { name: "shutdown", min: 0, max: 1, types: [T.STR], perm: "wizard", fn: bf_shutdown },
  { name: "dump_database", min: 0, max: 0, types: [], perm: "wizard", fn: bf_dump_database },
  // Connections: every player is disconnected until world/ supplies connections.
  { name: "connected_players", min: 0, max: 1, types: [ANY], perm: "anyone", fn: bf_connected_players },
  { name: "connected_seconds", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_connected_seconds },
  { name: "idle_seconds", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_idle_seconds },
  { name: "connection_name", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_connection_name },
  { name: "boot_player", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_boot_player },
  // LambdaMOO looks the connection up (E_INVARG) before checking permission here.
  { name: "connection_option", min: 2, max: 2, types: [T.OBJ, T.STR], perm: "anyone", fn: bf_connection_options },
  { name: "connection_options", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_connection_options },
  { name: "set_connection_option", min: 3, max: 3, types: [T.OBJ, T.STR, ANY], perm: "anyone", fn: bf_set_connection_option },
  { name: "buffered_output_length", min: 0, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_buffered_output_length },
  { name: "output_delimiters", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_output_delimiters },
  { name: "force_input", min: 2, max: 3, types: [T.OBJ, T.STR, ANY], perm: "anyone", fn: bf_force_input },
  { name: "flush_input", min: 1, max: 2, types: [T.OBJ, ANY], perm: "anyone", fn: bf_flush_input },
  // listen, unlisten, listeners and open_network_connection are the server's: world/network-builtins.ts.
];
