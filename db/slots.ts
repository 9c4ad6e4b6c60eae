// An object's property slots packed into one blob for the `properties`
// table: count, then per slot its lower-cased name, clear or a value, owner
// and perms. Values use the task codec's value format. Loaded objects keep
// the blob until their slots are first used (LazySlots): start-up decodes
// nothing, and an object nobody touches is never decoded.

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

const mapSet = Map.prototype.set;

const decodeInto = (props: Map<string, PropSlot>, b: Buffer): void => {
  const r = new Reader(b);
  for (let n = r.u32(); n > 0; n--) {
    const name = r.str();
    const value = r.u8() === 0 ? CLEAR : r.value()!;
    mapSet.call(props, name, { value, owner: r.f64(), perms: r.u32() });
  }
};

export const decodeSlots = (b: Buffer): Map<string, PropSlot> => {
  const props = new Map<string, PropSlot>();
  decodeInto(props, b);
  return props;
};

/** A slot map that decodes its blob on first use; until then the blob is what a commit writes back. */
export class LazySlots extends Map<string, PropSlot> {
  constructor(private blob: Buffer | null) { super(); }

  /** The stored blob while the slots are still undecoded (so unchanged), else null. */
  get pending(): Buffer | null { return this.blob; }

  private fill(): void {
    const b = this.blob;
    this.blob = null;
    if (b) decodeInto(this, b);
  }

  override get(k: string): PropSlot | undefined { if (this.blob) this.fill(); return super.get(k); }
  override has(k: string): boolean { if (this.blob) this.fill(); return super.has(k); }
  override set(k: string, v: PropSlot): this { if (this.blob) this.fill(); return super.set(k, v); }
  override delete(k: string): boolean { if (this.blob) this.fill(); return super.delete(k); }
  override clear(): void { this.blob = null; super.clear(); }
  override get size(): number { if (this.blob) this.fill(); return super.size; }
  override forEach(f: (v: PropSlot, k: string, m: Map<string, PropSlot>) => void, self?: unknown): void { if (this.blob) this.fill(); super.forEach(f, self); }
  override keys(): MapIterator<string> { if (this.blob) this.fill(); return super.keys(); }
  override values(): MapIterator<PropSlot> { if (this.blob) this.fill(); return super.values(); }
  override entries(): MapIterator<[string, PropSlot]> { if (this.blob) this.fill(); return super.entries(); }
  override [Symbol.iterator](): MapIterator<[string, PropSlot]> { if (this.blob) this.fill(); return super[Symbol.iterator](); }
}
