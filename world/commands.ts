// From a typed line to the frame that runs it: the command parser read
// against the object model (a CommandWorld over the World), then the found
// verb's frame with LambdaMOO's variables, or `huh` on the location. The
// scheduler (which also offers the line to $do_command first) runs the frame.

import { type Value, mkObj, mkList, T, listOf } from "../verbs/value.ts";
import type { Frame } from "../verbs/task.ts";
import { commandVars, type FrameContext } from "../verbs/host.ts";
import type { WorldHost } from "../objects/world-host.ts";
import type { MooObject } from "../objects/model.ts";
import { parseCommand, splitWords, type ParsedCommand } from "./command-words.ts";
import { findCommandVerb, NOTHING, type CommandWorld, type CommandVerb } from "./command-match.ts";

const NO_VERBS: readonly CommandVerb[] = [];

/** The parser's view of the world. */
export const commandWorld = (host: WorldHost): CommandWorld => {
  const w = host.model;
  const obj = (n: number): MooObject | null => w.find(n);
  return {
    valid: (n) => w.valid(n),
    location: (n) => obj(n)?.location ?? NOTHING,
    contents: (n) => obj(n)?.contents ?? [],
    namesOf(n) {
      const o = obj(n);
      if (!o) return [];
      // LambdaCore's convention: an `aliases` property holding a list of strings.
      const slot = o.props.get("aliases");
      const aliases = slot ? w.valueOf(o, slot, "aliases") : 0;
      const extra = typeof aliases === "object" && aliases.tag === T.LIST
        ? listOf(aliases).filter((a): a is string => typeof a === "string") : [];
      return [o.name, ...extra];
    },
    verbsOf: (n) => obj(n)?.verbs ?? NO_VERBS,
    parent: (n) => obj(n)?.parent ?? NOTHING,
  };
};

export type CommandPlan =
  /** Nothing to do (an empty line). */
  | { readonly kind: "empty" }
  /** Run this frame: the command's verb, or the location's `huh`. */
  | { readonly kind: "run"; readonly frame: Frame; readonly huh: boolean }
  /** No verb and no `huh`: tell the player. */
  | { readonly kind: "unknown" };

export const NOT_UNDERSTOOD = "I couldn't understand that.";

/** The frame for `line` typed by `player`, as LambdaMOO dispatches it after $do_command declines. */
export const planCommand = (host: WorldHost, player: number, line: string, cw: CommandWorld = commandWorld(host)): CommandPlan => {
  const parsed = parseCommand(line);
  if (!parsed) return { kind: "empty" };
  const found = findCommandVerb(cw, player, parsed);
  const cmd = commandVars(parsed.argstr, mkObj(found.dobj), parsed.dobjstr, parsed.prepstr, mkObj(found.iobj), parsed.iobjstr);
  const args = mkList(parsed.args.slice());
  if (!("huh" in found)) {
    const def = host.model.get(found.definer).verbs[found.index]!;
    return { kind: "run", huh: false, frame: host.frameFor(def, found.definer, context(player, found.this, parsed.verb, args, cmd)) };
  }
  // huh: the location's callable verb named "huh", with the same variables.
  const location = cw.location(player);
  const loc = host.model.find(location);
  const hit = loc ? host.model.findVerb(loc, "huh", true) : null;
  if (!loc || !hit) return { kind: "unknown" };
  return { kind: "run", huh: true, frame: host.frameFor(hit.def, hit.definer.id, context(player, location, parsed.verb, args, cmd)) };
};

const context = (player: number, self: number, verb: string, args: Value, cmd: ReturnType<typeof commandVars>): FrameContext => ({
  player: mkObj(player), self: mkObj(self), caller: mkObj(player), verb, args: args as ReturnType<typeof mkList>, cmd,
});

/**
 * #0:do_command(@words), with the raw line as argstr, when #0 has that verb:
 * LambdaMOO offers every command to it first and parses the line only when
 * it returns false. Null when there is no such verb (or the line is empty).
 */
export const doCommandFrame = (host: WorldHost, player: number, line: string): Frame | null => {
  const sys = host.model.find(0);
  const hit = sys ? host.model.findVerb(sys, "do_command", true) : null;
  const words = splitWords(line);
  if (!hit || words.length === 0) return null;
  const cmd = commandVars(line, mkObj(NOTHING), "", "", mkObj(NOTHING), "");
  return host.frameFor(hit.def, hit.definer.id, context(player, 0, "do_command", mkList(words), cmd));
};

export type { ParsedCommand };
