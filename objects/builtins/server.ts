// Builtins about the server's own configuration as the world holds it:
// load_server_options() re-reads $server_options (LambdaMOO).

import { type Value } from "../../verbs/value.ts";
import type { BuiltinSpec, BuiltinCtx } from "../../verbs/builtin-spec.ts";
import type { WorldHost } from "../world-host.ts";

const bf_load_server_options = (_: Value[], ctx: BuiltinCtx): Value => {
  (ctx.world as WorldHost).loadServerOptions(ctx.builtins.keys());
  return 0;
};

export const serverBuiltins: BuiltinSpec[] = [
  { name: "load_server_options", min: 0, max: 0, types: [], perm: "wizard", fn: bf_load_server_options },
];
