// Builtins about the server's own configuration and storage as the world
// holds them: load_server_options() re-reads $server_options (LambdaMOO).

import { type Value, E } from "../../verbs/value.ts";
import { MooError } from "../../verbs/errors.ts";
import type { BuiltinSpec, BuiltinCtx } from "../../verbs/builtin-spec.ts";
import type { WorldHost } from "../world-host.ts";

const bf_load_server_options = (_: Value[], ctx: BuiltinCtx): Value => {
  (ctx.world as WorldHost).loadServerOptions(ctx.builtins.keys());
  return 0;
};

/** LambdaMOO raises E_QUOTA when it knows no database file; so do we until persistence (issue 5). */
const bf_db_disk_size = (): Value => {
  throw new MooError(E.E_QUOTA, "No database file(s) available");
};

export const serverBuiltins: BuiltinSpec[] = [
  { name: "db_disk_size", min: 0, max: 0, types: [], perm: "anyone", fn: bf_db_disk_size },
  { name: "load_server_options", min: 0, max: 0, types: [], perm: "wizard", fn: bf_load_server_options },
];
