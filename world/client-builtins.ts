// Builtins for the web client: open_editor(player, object, verb) opens the
// verb editor on a player's structured web client, so that the core's
// @edit can use it where there is one and fall back to .program elsewhere.

import { type Value, T, E } from "../verbs/value.ts";
import type { BuiltinSpec, BuiltinCtx } from "../verbs/builtin-spec.ts";
import { ANY } from "../verbs/builtin-spec.ts";
import { fail, hostOf, objArg } from "../objects/builtins/perms.ts";
import { OOB } from "./protocol.ts";

/** Who has a structured client (client-protocol.ts). */
export interface EditorClients { speaks(player: number): boolean }

export const clientBuiltins = (clients: EditorClients): BuiltinSpec[] => {
  /**
   * open_editor(player, object, verb): 1 when player's client can edit
   * verbs and was asked to open object:verb (in order with the task's
   * output), 0 when it cannot (telnet, plain websocket). Only the player
   * itself or a wizard may, as for notify(). The editor then loads the verb
   * with the player's own rights: this builtin grants nothing.
   */
  const bf_open_editor = (args: Value[], ctx: BuiltinCtx): Value => {
    const who = objArg(args[0]!);
    if (ctx.progr !== who && !ctx.wizard) fail(E.E_PERM);
    const desc = args[2]!;
    if (typeof desc !== "string" && typeof desc !== "number") fail(E.E_TYPE);
    if (!clients.speaks(who)) return 0;
    const obj = `#${objArg(args[1]!)}`;
    hostOf(ctx).notify(who, `${OOB.EDIT} ${JSON.stringify({ obj, verb: desc })}`);
    return 1;
  };

  return [{ name: "open_editor", min: 3, max: 3, types: [T.OBJ, T.OBJ, ANY], perm: "anyone", fn: bf_open_editor }];
};

