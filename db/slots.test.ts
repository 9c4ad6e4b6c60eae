// Packed property slots: encode/decode round trips, and LazySlots acts as
// the Map it stands for, decoding only on first use.

import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeSlots, decodeSlots, LazySlots } from "./slots.ts";
import { type PropSlot, CLEAR } from "../objects/model.ts";
import { mkList, mkObj, toLiteral } from "../verbs/value.ts";

const sample = (): Map<string, PropSlot> => new Map<string, PropSlot>([
  ["name", { value: "thing", owner: 3, perms: 1 }],
  ["__proto__", { value: mkList([1, "two", mkObj(3)]), owner: 4, perms: 3 }],
  ["inherited", { value: CLEAR, owner: 5, perms: 0 }],
]);
const show = (m: Map<string, PropSlot>): string =>
  [...m].map(([k, s]) => `${k}=${s.value === CLEAR ? "clear" : toLiteral(s.value)}/${s.owner}/${s.perms}`).join(" ");

test("slots round-trip, clear markers and prototype-named properties included", () => {
  assert.equal(show(decodeSlots(encodeSlots(sample()))), show(sample()));
});

test("LazySlots keeps its blob until used, then behaves as the Map", () => {
  const blob = encodeSlots(sample());
  const lazy = new LazySlots(blob);
  assert.equal(lazy.pending, blob);
  assert.equal(lazy.get("inherited")?.owner, 5);
  assert.equal(lazy.pending, null);
  assert.equal(show(lazy), show(sample()));
  lazy.set("new", { value: 1, owner: 3, perms: 0 });
  assert.equal(lazy.size, 4);
  assert.ok(lazy.delete("name") && !lazy.has("name"));
  for (const touch of [(m: LazySlots) => m.size, (m: LazySlots) => [...m.keys()], (m: LazySlots) => m.has("x"), (m: LazySlots) => { m.forEach(() => {}); }]) {
    const m = new LazySlots(encodeSlots(sample()));
    touch(m);
    assert.equal(m.pending, null);
    assert.equal(show(m), show(sample()));
  }
});
