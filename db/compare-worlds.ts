// Object-by-object comparison of two worlds, for the round-trip tests of
// import and export: every field, slot and verb, with value equality that
// tells types, cases and the sign of zero apart.

import assert from "node:assert/strict";
import type { World } from "../objects/world.ts";
import { type MooObject, type SlotValue, CLEAR } from "../objects/model.ts";
import { type Value, equals, typeOf, isFloat } from "../verbs/value.ts";

/** Equality that tells types apart (1 vs 1.0 vs "1") and cases ("a" vs "A"), and knows CLEAR. */
const sameSlot = (a: SlotValue, b: SlotValue): boolean =>
  a === CLEAR || b === CLEAR ? a === b : typeOf(a) === typeOf(b) && equals(a, b, true) && sameFloats(a, b);
// equals() says 0.0 == -0.0; a dump must keep the sign.
const sameFloats = (a: Value, b: Value): boolean => !isFloat(a) || !isFloat(b) || Object.is(a.n, b.n);

export const compareObjects = (a: MooObject, b: MooObject): void => {
  const at = `#${a.id}`;
  assert.deepEqual(
    [b.name, b.owner, b.flags, b.parent, b.children, b.location, b.contents, b.defs],
    [a.name, a.owner, a.flags, a.parent, a.children, a.location, a.contents, a.defs], at);
  assert.deepEqual([...b.props.keys()].sort(), [...a.props.keys()].sort(), `${at} property slots`);
  for (const [name, s] of a.props) {
    const t = b.props.get(name)!;
    assert.ok(sameSlot(s.value, t.value), `${at}.${name} value`);
    assert.deepEqual([t.owner, t.perms], [s.owner, s.perms], `${at}.${name} owner and perms`);
  }
  assert.equal(b.verbs.length, a.verbs.length, `${at} verb count`);
  a.verbs.forEach((v, i) => {
    const w = b.verbs[i]!;
    assert.deepEqual([w.names, w.owner, w.perms, w.dobj, w.prep, w.iobj, w.source],
      [v.names, v.owner, v.perms, v.dobj, v.prep, v.iobj, v.source], `${at}:${v.names}`);
  });
};

export const compareWorlds = (a: World, b: World): void => {
  assert.equal(b.maxObject, a.maxObject);
  assert.deepEqual([...b.all()].map((o) => o.id), [...a.all()].map((o) => o.id), "valid objects");
  for (const o of a.all()) compareObjects(o, b.find(o.id)!);
};

