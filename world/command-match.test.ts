// Object matching (me, here, #num, names and aliases) and the command-verb search
// (player, location, dobj, iobj; own verbs before inherited ones; argument specs), on a
// small in-memory CommandWorld.

import { test } from "node:test";
import assert from "node:assert/strict";
import { matchObject, findCommandVerb, findVerbOn, NOTHING, AMBIGUOUS_MATCH, FAILED_MATCH } from "./command-match.ts";
import type { CommandWorld, CommandVerb, ArgSpec, CommandVerbFound } from "./command-match.ts";
import { parseCommand, prepByName, PREP_ANY, PREP_NONE } from "./command-words.ts";

interface FakeObject {
  name: string;
  aliases: string[];
  location: number;
  parent: number;
  contents: number[];
  verbs: CommandVerb[];
}

class FakeWorld implements CommandWorld {
  readonly objects = new Map<number, FakeObject>();

  add(id: number, name: string, opts: { aliases?: string[]; location?: number; parent?: number } = {}): this {
    const location = opts.location ?? NOTHING;
    this.objects.set(id, { name, aliases: opts.aliases ?? [], location, parent: opts.parent ?? NOTHING, contents: [], verbs: [] });
    if (location !== NOTHING) this.objects.get(location)!.contents.push(id);
    return this;
  }
  /** Add a verb; prep is a name as add_verb takes it. */
  verb(id: number, names: string, dobj: ArgSpec, prep: string, iobj: ArgSpec): this {
    const o = this.objects.get(id)!;
    const p = prepByName(prep);
    assert.ok(p !== undefined, prep);
    o.verbs.push({ names, dobj, prep: p, iobj });
    return this;
  }
  valid(obj: number): boolean { return this.objects.has(obj); }
  location(obj: number): number { return this.objects.get(obj)?.location ?? NOTHING; }
  contents(obj: number): readonly number[] { return this.objects.get(obj)?.contents ?? []; }
  namesOf(obj: number): readonly string[] {
    const o = this.objects.get(obj);
    return o === undefined ? [] : [o.name, ...o.aliases];
  }
  verbsOf(obj: number): readonly CommandVerb[] { return this.objects.get(obj)?.verbs ?? []; }
  parent(obj: number): number { return this.objects.get(obj)?.parent ?? NOTHING; }
}

const ROOT = 1, ROOM_CLASS = 2, PLAYER_CLASS = 3, LAB = 10, HALL = 11, WIZ = 20;
const BIRD = 30, CLOCK = 31, BALL = 32, BOX = 33, BOXER = 34, MARBLE = 35, COIN1 = 36, COIN2 = 37;

/** A room holding the player and some things, with LambdaCore-like verbs. */
function lab(): FakeWorld {
  return new FakeWorld()
    .add(0, "System Object")
    .add(ROOT, "Root Class")
    .add(ROOM_CLASS, "Generic Room", { parent: ROOT })
    .add(PLAYER_CLASS, "Generic Player", { parent: ROOT })
    .add(LAB, "The Lab", { parent: ROOM_CLASS })
    .add(HALL, "The Hall", { parent: ROOM_CLASS })
    .add(WIZ, "Wizard", { aliases: ["wiz"], location: LAB, parent: PLAYER_CLASS })
    .add(BALL, "yellow ball", { aliases: ["ball"], location: WIZ, parent: ROOT })
    .add(BIRD, "yellow bird", { aliases: ["bird", "canary", "cagebird"], location: LAB, parent: ROOT })
    .add(CLOCK, "cuckoo clock", { aliases: ["clock"], location: LAB, parent: ROOT })
    .add(BOX, "box", { location: LAB, parent: ROOT })
    .add(BOXER, "boxer", { location: LAB, parent: ROOT })
    .add(MARBLE, "marble", { location: BOX, parent: ROOT })
    .verb(ROOT, "g*et t*ake", "this", "none", "none")
    .verb(ROOT, "put", "this", "in/inside/into", "any")
    .verb(ROOM_CLASS, "l*ook", "any", "any", "any")
    .verb(PLAYER_CLASS, "i*nventory", "none", "none", "none");
}

const cmd = (world: CommandWorld, line: string, player = WIZ) => {
  const parsed = parseCommand(line);
  assert.ok(parsed !== null);
  return findCommandVerb(world, player, parsed);
};
const found = (world: CommandWorld, line: string, player = WIZ): CommandVerbFound => {
  const r = cmd(world, line, player);
  assert.ok(!("huh" in r), `${line} should find a verb`);
  return r;
};

test("empty string is $nothing; me and here, in any case", () => {
  const w = lab();
  assert.equal(matchObject(w, WIZ, ""), NOTHING);
  assert.equal(matchObject(w, WIZ, "me"), WIZ);
  assert.equal(matchObject(w, WIZ, "ME"), WIZ);
  assert.equal(matchObject(w, WIZ, "here"), LAB);
  assert.equal(matchObject(w, WIZ, "Here"), LAB);
});

test("here is the player's location even when that is nowhere", () => {
  const w = new FakeWorld().add(WIZ, "Wizard");
  assert.equal(matchObject(w, WIZ, "here"), NOTHING);
});

test("#number names a valid object, wherever it is; an invalid one fails", () => {
  const w = lab();
  assert.equal(matchObject(w, WIZ, "#30"), BIRD);
  assert.equal(matchObject(w, WIZ, "#35"), MARBLE); // inside the box: not reachable by name
  assert.equal(matchObject(w, WIZ, "#0"), 0);
  assert.equal(matchObject(w, WIZ, "#999"), FAILED_MATCH);
  assert.equal(matchObject(w, WIZ, "#-1"), FAILED_MATCH);
  assert.equal(matchObject(w, WIZ, "#-3"), FAILED_MATCH);
  assert.equal(matchObject(w, WIZ, "#30x"), FAILED_MATCH);
  assert.equal(matchObject(w, WIZ, "#x"), FAILED_MATCH);
  assert.equal(matchObject(w, WIZ, "#99999999999999999999"), FAILED_MATCH);
});

test("#number is read as C strtol reads it", () => {
  const w = lab();
  assert.equal(matchObject(w, WIZ, "#"), 0); // no digits at all reads as 0
  assert.equal(matchObject(w, WIZ, "# 30"), BIRD);
  assert.equal(matchObject(w, WIZ, "#+30"), BIRD);
  assert.equal(matchObject(w, WIZ, "#030"), BIRD);
  assert.equal(matchObject(w, WIZ, "# "), FAILED_MATCH);
  assert.equal(matchObject(new FakeWorld().add(WIZ, "Wizard"), WIZ, "#"), FAILED_MATCH);
});

test("an invalid player fails everything except #number and the empty string", () => {
  const w = lab();
  assert.equal(matchObject(w, 999, "#30"), BIRD);
  assert.equal(matchObject(w, 999, ""), NOTHING);
  assert.equal(matchObject(w, 999, "me"), FAILED_MATCH);
  assert.equal(matchObject(w, 999, "here"), FAILED_MATCH);
  assert.equal(matchObject(w, 999, "bird"), FAILED_MATCH);
});

test("names and aliases match exactly or by prefix, ignoring case", () => {
  const w = lab();
  assert.equal(matchObject(w, WIZ, "yellow bird"), BIRD);
  assert.equal(matchObject(w, WIZ, "YELLOW BIRD"), BIRD);
  assert.equal(matchObject(w, WIZ, "bird"), BIRD);
  assert.equal(matchObject(w, WIZ, "canary"), BIRD);
  assert.equal(matchObject(w, WIZ, "cuc"), CLOCK);
  assert.equal(matchObject(w, WIZ, "yellow b"), AMBIGUOUS_MATCH); // yellow ball, yellow bird
  assert.equal(matchObject(w, WIZ, "yellow bi"), BIRD);
});

test("the player's inventory and the room are both searched, the player included", () => {
  const w = lab();
  assert.equal(matchObject(w, WIZ, "ball"), BALL);
  assert.equal(matchObject(w, WIZ, "wiz"), WIZ);
  assert.equal(matchObject(w, WIZ, "wizard"), WIZ);
  assert.equal(matchObject(w, WIZ, "marble"), FAILED_MATCH); // inside a container
  assert.equal(matchObject(w, WIZ, "zebra"), FAILED_MATCH);
  assert.equal(matchObject(w, WIZ, "The Lab"), FAILED_MATCH); // the room is not in its own contents
});

test("with no valid location only the inventory is searched", () => {
  const w = lab();
  w.objects.get(WIZ)!.location = NOTHING;
  assert.equal(matchObject(w, WIZ, "ball"), BALL);
  assert.equal(matchObject(w, WIZ, "bird"), FAILED_MATCH);
});

test("manual: an exact match beats any prefix match", () => {
  const w = lab();
  assert.equal(matchObject(w, WIZ, "box"), BOX); // "boxer" is only a prefix match
  assert.equal(matchObject(w, WIZ, "bo"), AMBIGUOUS_MATCH);
  assert.equal(matchObject(w, WIZ, "boxe"), BOXER);
});

test("an exact match wins even when it comes after prefix matches", () => {
  const w = lab().add(40, "cat", { location: LAB }).add(41, "catalog", { location: WIZ });
  assert.equal(matchObject(w, WIZ, "cat"), 40);
});

test("two objects matching exactly are ambiguous, even with other prefix matches", () => {
  const w = lab()
    .add(COIN1, "coin", { location: WIZ })
    .add(COIN2, "gold coin", { aliases: ["coin"], location: LAB })
    .add(38, "coinpurse", { location: LAB });
  assert.equal(matchObject(w, WIZ, "coin"), AMBIGUOUS_MATCH);
  assert.equal(matchObject(w, WIZ, "COIN"), AMBIGUOUS_MATCH);
  assert.equal(matchObject(w, WIZ, "gold"), COIN2);
});

test("one object matching through several of its names is one match", () => {
  const w = lab();
  assert.equal(matchObject(w, WIZ, "ca"), BIRD); // canary and cagebird are both the bird
  const twice = lab().add(40, "lamp", { aliases: ["lamp", "LAMP"], location: LAB });
  assert.equal(matchObject(twice, WIZ, "lamp"), 40);
});

test("finds a verb on the player's ancestors: this is the player", () => {
  const w = lab();
  const r = found(w, "inv");
  assert.equal(r.this, WIZ);
  assert.equal(r.definer, PLAYER_CLASS);
  assert.equal(r.verb.names, "i*nventory");
  assert.equal(r.dobj, NOTHING);
  assert.equal(r.iobj, NOTHING);
});

test("finds a verb on the location, matching wildcards and case", () => {
  const w = lab();
  for (const line of ["look", "l", "LOOK", "lo at bird", "look in front of clock"]) {
    const r = found(w, line);
    assert.equal(r.this, LAB, line);
    assert.equal(r.definer, ROOM_CLASS, line);
  }
  assert.equal(found(w, "look at bird").iobj, BIRD);
  assert.equal(found(w, "look in front of clock").iobj, CLOCK);
});

test("`this` means the object the search is on, not the definer", () => {
  const w = lab();
  const r = found(w, "take bird");
  assert.equal(r.this, BIRD);
  assert.equal(r.definer, ROOT);
  assert.equal(r.dobj, BIRD);
  // The room inherits take too, but there dobj (the bird) is not `this`.
  assert.equal(findVerbOn(w, LAB, "take", BIRD, PREP_NONE, NOTHING), null);
  // Taking the room itself finds the verb while searching the room.
  const here = found(w, "get here");
  assert.equal(here.this, LAB);
  assert.equal(here.definer, ROOT);
  // And "take me" finds it on the player, the first object searched.
  assert.equal(found(w, "take me").this, WIZ);
});

test("a verb's own definition beats an inherited one", () => {
  const w = lab().verb(BIRD, "take", "this", "none", "none");
  const r = found(w, "take bird");
  assert.equal(r.definer, BIRD);
  assert.equal(r.index + 1, 1);
});

test("on one object the first fitting verb in definition order wins", () => {
  const w = lab()
    .verb(BIRD, "pet", "this", "with/using", "any")
    .verb(BIRD, "p*et", "this", "none", "none")
    .verb(BIRD, "pet", "this", "none", "none");
  assert.equal(found(w, "pet bird").index + 1, 2);
  assert.equal(found(w, "pet bird with ball").index + 1, 1);
});

test("search order: player, then location, then dobj, then iobj", () => {
  const w = lab()
    .verb(BIRD, "poke", "any", "any", "any")
    .verb(CLOCK, "poke", "any", "any", "any");
  assert.equal(found(w, "poke bird with clock").this, BIRD);
  w.verb(LAB, "poke", "any", "any", "any");
  assert.equal(found(w, "poke bird with clock").this, LAB);
  w.verb(WIZ, "poke", "any", "any", "any");
  assert.equal(found(w, "poke bird with clock").this, WIZ);
});

test("the indirect object is searched when nothing before it fits", () => {
  const w = lab().verb(CLOCK, "put", "any", "in/inside/into", "this");
  const r = found(w, "put bird in clock");
  // The bird inherits put (this in any) from ROOT, and is searched before the clock.
  assert.equal(r.this, BIRD);
  const v = found(w, "put #35 in clock"); // marble: matched by number
  assert.equal(v.this, MARBLE);
  const noRootPut = lab().verb(CLOCK, "drop", "any", "in/inside/into", "this");
  const d = found(noRootPut, "drop ball into clock");
  assert.equal(d.this, CLOCK);
  assert.equal(d.dobj, BALL);
  assert.equal(d.iobj, CLOCK);
});

test("dobj none requires an empty direct object string", () => {
  const w = lab();
  assert.ok("huh" in cmd(w, "inventory stuff")); // dobj is failed, not none
  assert.ok("huh" in cmd(w, "inventory ball")); // dobj is the ball
  assert.ok(!("huh" in cmd(w, "inventory")));
});

test("failed and ambiguous matches count as `any`, never `none` or `this`", () => {
  const w = lab().verb(LAB, "search", "any", "none", "none").verb(LAB, "search", "none", "none", "none");
  const failed = found(w, "search zebra");
  assert.equal(failed.dobj, FAILED_MATCH);
  assert.equal(failed.index + 1, 1);
  const ambiguous = found(w, "search yellow");
  assert.equal(ambiguous.dobj, AMBIGUOUS_MATCH);
  assert.equal(ambiguous.index + 1, 1);
  assert.equal(found(w, "search").index + 1, 1); // `any` also accepts nothing
});

test("prep none, a specific prep, and prep any", () => {
  const w = lab()
    .verb(LAB, "wave", "any", "at/to", "any")
    .verb(LAB, "wave", "any", "none", "none")
    .verb(LAB, "wave", "any", "any", "any");
  assert.equal(found(w, "wave ball at bird").index + 1, 1);
  assert.equal(found(w, "wave ball to bird").index + 1, 1);
  assert.equal(found(w, "wave ball").index + 1, 2);
  assert.equal(found(w, "wave ball with bird").index + 1, 3);
  assert.equal(w.objects.get(LAB)!.verbs[2]!.prep, PREP_ANY);
});

test("iobj none means no indirect object string, even with a preposition", () => {
  const w = lab().verb(LAB, "sit", "none", "on top of/on/onto/upon", "none");
  const r = found(w, "sit on");
  assert.equal(r.iobj, NOTHING);
  assert.ok("huh" in cmd(w, "sit on box"));
});

test("no verb fits: huh, with the matched objects", () => {
  const w = lab();
  const r = cmd(w, "dance with bird");
  assert.deepEqual(r, { huh: true, dobj: NOTHING, iobj: BIRD });
  assert.deepEqual(cmd(w, "take"), { huh: true, dobj: NOTHING, iobj: NOTHING });
  assert.deepEqual(cmd(w, "take zebra"), { huh: true, dobj: FAILED_MATCH, iobj: NOTHING });
});

test("shortcut commands look for say, emote and eval like any verb", () => {
  const w = lab().verb(PLAYER_CLASS, "say", "any", "any", "any").verb(PLAYER_CLASS, "eval", "any", "any", "any");
  assert.equal(found(w, '"hello there').verb.names, "say");
  assert.equal(found(w, ";1 + 1").verb.names, "eval");
  assert.ok("huh" in cmd(w, ":waves"));
});

test("a player with no location: its own verbs, dobj and iobj are still searched", () => {
  const w = lab();
  w.objects.get(WIZ)!.location = NOTHING;
  assert.equal(found(w, "inventory").this, WIZ);
  assert.ok("huh" in cmd(w, "look"));
  assert.equal(found(w, "take #30").this, BIRD);
});

test("an invalid player searches only the matched objects", () => {
  const w = lab();
  assert.equal(found(w, "take #30", 999).this, BIRD);
  assert.ok("huh" in cmd(w, "take bird", 999));
});

test("a cycle in the parent chain ends the search instead of hanging", () => {
  const w = lab().add(50, "knot", { location: LAB }).add(51, "loop");
  w.objects.get(50)!.parent = 51;
  w.objects.get(51)!.parent = 50;
  assert.ok("huh" in cmd(w, "untie knot"));
  w.verb(51, "untie", "this", "none", "none");
  const r = found(w, "untie knot");
  assert.equal(r.this, 50);
  assert.equal(r.definer, 51);
});

test("findVerbOn refuses an invalid object", () => {
  assert.equal(findVerbOn(lab(), 999, "look", NOTHING, PREP_NONE, NOTHING), null);
  assert.equal(findVerbOn(lab(), NOTHING, "look", NOTHING, PREP_NONE, NOTHING), null);
});
