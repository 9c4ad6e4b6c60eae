// An object's property slots packed into one blob for the `properties`
// table: count, then per slot its lower-cased name, clear or a value, owner
// and perms. Values use the task codec's value format.

import { Writer, Reader } from "../verbs/codec.ts";
import { type PropSlot, CLEAR } from "../objects/model.ts";

export const encodeSlots = (props: ReadonlyMap<string, PropSlot>): Buffer => {
  const w = new Writer();
  w.u32(props.size);
  for (const [name, slot] of props) {
    w.str(name);
    if (slot.value === CLEAR) w.u8(0);
    else { w.u8(1); w.value(slot.value); }
    w.f64(slot.owner);
    w.u32(slot.perms);
  }
  return w.done();
};

export const decodeSlots = (b: Buffer): Map<string, PropSlot> => {
  const r = new Reader(b);
  const props = new Map<string, PropSlot>();
  for (let n = r.u32(); n > 0; n--) {
    const name = r.str();
    const value = r.u8() === 0 ? CLEAR : r.value()!;
    props.set(name, { value, owner: r.f64(), perms: r.u32() });
  }
  return props;
};
