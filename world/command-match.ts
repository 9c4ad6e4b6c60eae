// Matching a parsed command against the world: object names to object numbers (LambdaMOO
// match.c) and the command-verb search over player, location, dobj, iobj (tasks.c find_verb_on,
// db_verbs.c db_find_command_verb). Reads the world only through CommandWorld; runs nothing.

import { PREP_ANY, strtol } from "./command-words.ts";
import type { ParsedCommand } from "./command-words.ts";
import { sameIgnoringCase, startsIgnoringCase, verbNameMatches } from "../objects/verb-names.ts";

/** $nothing: an empty object string, or no location. */
export const NOTHING = -1;
/** $ambiguous_match: more than one object fits equally well. */
export const AMBIGUOUS_MATCH = -2;
/** $failed_match: nothing fits. */
export const FAILED_MATCH = -3;

export type ArgSpec = "this" | "none" | "any";

/** What the command search reads of a verb (the world's verb definitions themselves, unconverted). */
export interface CommandVerb {
  readonly names: string;
  readonly dobj: ArgSpec;
  /** PREP_ANY (-2), PREP_NONE (-1) or an index into PREPOSITIONS. */
  readonly prep: number;
  readonly iobj: ArgSpec;
}

export interface CommandWorld {
  valid(obj: number): boolean;
  /** location of obj (-1 if none) */
  location(obj: number): number;
  /** contents of obj, in order */
  contents(obj: number): readonly number[];
  /** the object's name and its aliases (LambdaMOO: the `aliases` property when it is a list of strings) */
  namesOf(obj: number): readonly string[];
  /** verbs defined on obj itself (not inherited), in definition order */
  verbsOf(obj: number): readonly CommandVerb[];
  /** parent of obj (-1 if none) */
  parent(obj: number): number;
}

export interface CommandVerbFound {
  /** The object the search was on when the verb was found: `this` for the verb. */
  readonly this: number;
  /** The object the verb is defined on: `this` or one of its ancestors. */
  readonly definer: number;
  readonly verb: CommandVerb;
  /** The verb's position among its definer's verbs (0-based). */
  readonly index: number;
  readonly dobj: number;
  readonly iobj: number;
}

/** No verb fits: the caller tries `huh` on the location (callable verbs only), then gives up. */
export interface CommandVerbHuh {
  readonly huh: true;
  readonly dobj: number;
  readonly iobj: number;
}

/**
 * The object a player means by `name`, as LambdaMOO's match_object:
 * - "" is NOTHING;
 * - `#` then an integer (as C strtol reads it, so "#", "# 5" and "#+5" count) is that
 *   object if it is valid, else FAILED_MATCH; this is checked before the player is;
 * - with an invalid player, anything else is FAILED_MATCH;
 * - "me" and "here" (any case) are the player and the player's location;
 * - otherwise the names and aliases of the player's contents, then of the location's.
 */
export function matchObject(world: CommandWorld, player: number, name: string): number {
  if (name === "") return NOTHING;
  if (name.charCodeAt(0) === 35) {
    const digits = name.slice(1);
    const num = strtol(digits);
    // Numbers past 2^53 are not exact and no object has them; LambdaMOO would clamp, then truncate.
    if (num.end !== digits.length || !Number.isSafeInteger(num.value) || !world.valid(num.value)) return FAILED_MATCH;
    return num.value;
  }
  if (!world.valid(player)) return FAILED_MATCH;
  if (sameIgnoringCase(name, "me")) return player;
  if (sameIgnoringCase(name, "here")) return world.location(player);
  return matchContents(world, player, name);
}

/**
 * Name matching over the player's and the location's contents. An exact match on any
 * name beats every prefix match; two different objects matching exactly, or (with no
 * exact match) two matching by prefix, are ambiguous. One object matching through several
 * of its own names is still one match.
 */
function matchContents(world: CommandWorld, player: number, name: string): number {
  let exact = NOTHING;
  let partial = FAILED_MATCH;
  const where = [player, world.location(player)];
  for (const container of where) {
    if (!world.valid(container)) continue;
    for (const obj of world.contents(container)) {
      for (const candidate of world.namesOf(obj)) {
        if (!startsIgnoringCase(candidate, name)) continue;
        if (candidate.length === name.length) {
          // A second exact match can't be outdone by anything later: LambdaMOO stops here.
          if (exact !== NOTHING && exact !== obj) return AMBIGUOUS_MATCH;
          exact = obj;
        } else {
          partial = partial === FAILED_MATCH || partial === obj ? obj : AMBIGUOUS_MATCH;
        }
      }
    }
  }
  return exact !== NOTHING ? exact : partial;
}

/** How a matched object looks from the object a verb is being sought on. */
function specFor(matched: number, on: number): ArgSpec {
  if (matched === on) return "this";
  return matched === NOTHING ? "none" : "any";
}

/**
 * The first verb on `on` or its ancestors fitting the command (db_find_command_verb).
 * `this` in a verb's spec means the object the search started on, even when the verb is
 * inherited; a failed or ambiguous match counts as "any", never as "none". The x bit is
 * not consulted, exactly as in LambdaMOO's command search.
 */
export function findVerbOn(
  world: CommandWorld,
  on: number,
  verbWord: string,
  dobj: number,
  prep: number,
  iobj: number,
): { definer: number; verb: CommandVerb; index: number } | null {
  if (!world.valid(on)) return null;
  const dspec = specFor(dobj, on);
  const ispec = specFor(iobj, on);
  // LambdaMOO trusts the parent chain to be acyclic; a damaged database must not hang us.
  for (let o = on, hops = 0; world.valid(o) && hops < MAX_ANCESTRY; o = world.parent(o), hops++) {
    const verbs = world.verbsOf(o);
    for (let index = 0; index < verbs.length; index++) {
      const verb = verbs[index]!;
      if (
        verbNameMatches(verb.names, verbWord) &&
        (verb.dobj === "any" || verb.dobj === dspec) &&
        (verb.prep === PREP_ANY || verb.prep === prep) &&
        (verb.iobj === "any" || verb.iobj === ispec)
      ) {
        return { definer: o, verb, index };
      }
    }
  }
  return null;
}

/** Longer parent chains than this can only be cycles in a damaged database. */
const MAX_ANCESTRY = 100_000;

/**
 * Match dobjstr and iobjstr, then look for the command's verb on the player, the player's
 * location, the direct object and the indirect object, in that order (skipping any that
 * is not a valid object), as LambdaMOO's do_command_task does after $do_command declines.
 * An object appearing twice in that list is simply searched twice, with the same outcome.
 */
export function findCommandVerb(
  world: CommandWorld,
  player: number,
  parsed: ParsedCommand,
): CommandVerbFound | CommandVerbHuh {
  const dobj = matchObject(world, player, parsed.dobjstr);
  const iobj = matchObject(world, player, parsed.iobjstr);
  const location = world.valid(player) ? world.location(player) : NOTHING;
  for (const on of [player, location, dobj, iobj]) {
    const found = findVerbOn(world, on, parsed.verb, dobj, parsed.prep, iobj);
    if (found !== null) return { this: on, definer: found.definer, verb: found.verb, index: found.index, dobj, iobj };
  }
  return { huh: true, dobj, iobj };
}
