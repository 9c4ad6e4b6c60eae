// Binary encoding of values, programs and whole tasks (their continuations),
// for SQLite BLOBs. Value encoding is iterative, so a list nested 100,000
// deep encodes and decodes without touching the JS stack limit.

import {
  type Value, type Box, T, mkObj, mkErr, mkFloat, mkList, mkMap, mkBool, MooMap, listOf, mapOf, errInfo, mkBigInt,
} from "./value.ts";
import type { Program, Table } from "./program.ts";
import { PROGRAM_VERSION, frameInitOf, newRuntime } from "./program.ts";
import type { Frame, Handler, Task } from "./task.ts";

const K = { INT32: 1, NUM: 2, BIG: 3, STR: 4, OBJ: 5, ERR: 6, ERR_INFO: 7, FLOAT: 8, LIST: 9, MAP: 10, BOOL: 11, UNBOUND: 12 } as const;

export class Writer {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  u8(v: number): void { this.ensure(1); this.buf[this.pos++] = v; }
  u32(v: number): void { this.ensure(4); this.buf.writeUInt32LE(v, this.pos); this.pos += 4; }
  i32(v: number): void { this.ensure(4); this.buf.writeInt32LE(v, this.pos); this.pos += 4; }
  f64(v: number): void { this.ensure(8); this.buf.writeDoubleLE(v, this.pos); this.pos += 8; }
  i64(v: bigint): void { this.ensure(8); this.buf.writeBigInt64LE(v, this.pos); this.pos += 8; }
  str(s: string): void {
    const n = Buffer.byteLength(s);
    this.u32(n);
    this.ensure(n);
    this.buf.write(s, this.pos, "utf8");
    this.pos += n;
  }
  json(v: unknown): void { this.str(JSON.stringify(v)); }
  i32s(a: Int32Array): void { this.u32(a.length); for (const x of a) this.i32(x); }
  /** A value, or undefined for an unbound variable. Iterative. */
  value(root: Value | undefined): void {
    const work: (Value | undefined)[] = [root];
    while (work.length > 0) {
      const v = work.pop();
      if (v === undefined) { this.u8(K.UNBOUND); continue; }
      if (typeof v === "number") {
        if ((v | 0) === v && !Object.is(v, -0)) { this.u8(K.INT32); this.i32(v); } else { this.u8(K.NUM); this.f64(v); }
        continue;
      }
      if (typeof v === "string") { this.u8(K.STR); this.str(v); continue; }
      switch (v.tag) {
        case T.INT: this.u8(K.BIG); this.i64(v.ref as bigint); break;
        case T.OBJ: this.u8(K.OBJ); this.f64(v.n); break;
        case T.FLOAT: this.u8(K.FLOAT); this.f64(v.n); break;
        case T.BOOL: this.u8(K.BOOL); this.u8(v.n); break;
        case T.ERR: {
          const info = errInfo(v);
          if (!info) { this.u8(K.ERR); this.u32(v.n); break; }
          this.u8(K.ERR_INFO); this.u32(v.n); this.str(info.msg);
          work.push(info.value);
          break;
        }
        case T.LIST: {
          const xs = listOf(v);
          this.u8(K.LIST); this.u32(xs.length);
          for (let i = xs.length - 1; i >= 0; i--) work.push(xs[i]!);
          break;
        }
        case T.MAP: {
          const es = mapOf(v).entries();
          this.u8(K.MAP); this.u32(es.length);
          for (let i = es.length - 1; i >= 0; i--) work.push(es[i]![1], es[i]![0]);
          break;
        }
        default: throw new Error(`cannot encode value tag ${v.tag}`);
      }
    }
  }
  done(): Buffer { return this.buf.subarray(0, this.pos); }
  /** What was written, in a buffer of its own of exactly that size. */
  copy(): Buffer { return Buffer.from(this.buf.subarray(0, this.pos)); }
  /** Start again, keeping the buffer: one writer can encode many items without allocating. */
  reset(): void { this.pos = 0; }
}

interface Pending { kind: number; items: Value[]; need: number; code: number; msg: string }

export class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  u8(): number { this.check(1); return this.buf[this.pos++]!; }
  u32(): number { this.check(4); const v = this.buf.readUInt32LE(this.pos); this.pos += 4; return v; }
  i32(): number { this.check(4); const v = this.buf.readInt32LE(this.pos); this.pos += 4; return v; }
  f64(): number { this.check(8); const v = this.buf.readDoubleLE(this.pos); this.pos += 8; return v; }
  i64(): bigint { this.check(8); const v = this.buf.readBigInt64LE(this.pos); this.pos += 8; return v; }
  str(): string {
    const n = this.u32();
    this.check(n);
    const s = this.buf.toString("utf8", this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  json<X>(): X { return JSON.parse(this.str()) as X; }
  i32s(): Int32Array { const n = this.u32(); const a = new Int32Array(n); for (let i = 0; i < n; i++) a[i] = this.i32(); return a; }
  private check(n: number): void { if (this.pos + n > this.buf.length) throw new Error("truncated data"); }
  get atEnd(): boolean { return this.pos >= this.buf.length; }

  value(): Value | undefined {
    const stack: Pending[] = [];
    let result: Value | undefined;
    for (;;) {
      let v: Value | undefined;
      const k = this.u8();
      switch (k) {
        case K.UNBOUND: v = undefined; break;
        case K.INT32: v = this.i32(); break;
        case K.NUM: v = this.f64(); break;
        case K.BIG: v = mkBigInt(this.i64()); break;
        case K.STR: v = this.str(); break;
        case K.OBJ: v = mkObj(this.f64()); break;
        case K.FLOAT: v = mkFloat(this.f64()); break;
        case K.BOOL: v = mkBool(this.u8() !== 0); break;
        case K.ERR: v = mkErr(this.u32()); break;
        case K.ERR_INFO: {
          const code = this.u32();
          stack.push({ kind: K.ERR_INFO, items: [], need: 1, code, msg: this.str() });
          continue;
        }
        case K.LIST: case K.MAP: {
          const n = this.u32();
          const need = k === K.MAP ? 2 * n : n;
          if (need > 0) { stack.push({ kind: k, items: [], need, code: 0, msg: "" }); continue; }
          v = k === K.LIST ? mkList([]) : mkMap(new MooMap());
          break;
        }
        default: throw new Error(`bad value tag ${k}`);
      }
      // Fill containers; a finished container becomes the value for its parent.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) { result = v; return result; }
        top.items.push(v as Value);
        if (top.items.length < top.need) break;
        stack.pop();
        v = finish(top);
      }
    }
  }
}

const finish = (p: Pending): Value => {
  if (p.kind === K.LIST) return mkList(p.items);
  if (p.kind === K.ERR_INFO) return mkErr(p.code, p.msg, p.items[0]!);
  const m = new MooMap();
  for (let i = 0; i < p.items.length; i += 2) m.setMut(p.items[i]!, p.items[i + 1]!);
  return mkMap(m);
};

export const encodeValue = (v: Value): Buffer => { const w = new Writer(); w.value(v); return w.done(); };
export const decodeValue = (b: Buffer): Value => new Reader(b).value() as Value;

// ---- programs ----

const PROGRAM_MAGIC = 0x504f4f4d; // "MOOP"

export const writeProgram = (w: Writer, p: Program): void => {
  w.u32(PROGRAM_MAGIC); w.u32(p.version);
  w.i32s(p.code); w.i32s(p.lines); w.u32(p.maxStack);
  w.json(p.names); w.json(p.funcs); w.json(p.tables); w.i32s(p.operands);
  w.u32(p.consts.length);
  for (const c of p.consts) w.value(c);
};

export const readProgram = (r: Reader): Program => {
  if (r.u32() !== PROGRAM_MAGIC) throw new Error("not a compiled MOO program");
  const version = r.u32();
  const code = r.i32s(), lines = r.i32s(), maxStack = r.u32();
  const names = r.json<string[]>(), funcs = r.json<string[]>(), tables = r.json<Table[]>(), operands = r.i32s();
  const n = r.u32();
  const consts: Value[] = [];
  for (let i = 0; i < n; i++) consts.push(r.value() as Value);
  return { version, code, consts, names, init: frameInitOf(names), runtime: newRuntime(), funcs, tables, operands, lines, maxStack };
};

export const encodeProgram = (p: Program): Buffer => { const w = new Writer(); writeProgram(w, p); return w.done(); };
/** Decode a stored program; null when its bytecode format is older (recompile from source). */
export const decodeProgram = (b: Buffer): Program | null => {
  const p = readProgram(new Reader(b));
  return p.version === PROGRAM_VERSION ? p : null;
};

// ---- tasks ----

const TASK_MAGIC = 0x4b534154; // "TASK"

/** A task's continuation, appended to `w` (a fresh writer by default). */
export const encodeTask = (t: Task, w = new Writer()): Buffer => {
  w.u32(TASK_MAGIC); w.f64(t.id); w.f64(t.ticksUsed); w.u32(t.maxDepth);
  const progs: Program[] = [];
  for (const f of t.frames) if (!progs.includes(f.prog)) progs.push(f.prog);
  w.u32(progs.length);
  for (const p of progs) writeProgram(w, p);
  w.u32(t.frames.length);
  for (const f of t.frames) {
    // Stack positions are written relative to the frame's base: on load the
    // frames share one new array, so their bases change.
    w.u32(progs.indexOf(f.prog)); w.u32(f.pc); w.u32(f.sp - f.base);
    for (let i = f.base; i < f.sp; i++) w.value(f.stack[i]!);
    w.u32(f.env.length);
    for (const v of f.env) w.value(v);
    w.u32(f.handlers.length);
    for (const h of f.handlers) {
      w.u8(h.kind); w.u32(h.sp - f.base); w.u32(h.pc);
      w.value(Array.isArray(h.codes) ? mkList(h.codes as Value[]) : (h.codes as Value));
    }
    w.value(f.temp); w.u8(f.debug ? 1 : 0); w.value(f.self); w.str(f.verb); w.value(f.definer);
    w.f64(f.progr); w.value(f.player); w.value(f.cmd); w.u8(f.evalWrap ? 1 : 0);
    w.u8(f.bfResume ? 1 : 0);
    if (f.bfResume) { w.str(f.bfResume.name); w.value(f.bfResume.state); }
  }
  return w.done();
};

export const decodeTask = (b: Buffer): Task => {
  const r = new Reader(b);
  if (r.u32() !== TASK_MAGIC) throw new Error("not a stored MOO task");
  const id = r.f64(), ticksUsed = r.f64(), maxDepth = r.u32();
  const progs: Program[] = [];
  for (let i = r.u32(); i > 0; i--) progs.push(readProgram(r));
  const frames: Frame[] = [];
  const stack: Value[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const prog = progs[r.u32()]!;
    const pc = r.u32(), depth = r.u32();
    const base = stack.length;
    for (let i = 0; i < depth; i++) stack.push(r.value() as Value);
    const sp = stack.length;
    const env: (Value | undefined)[] = [];
    for (let i = r.u32(); i > 0; i--) env.push(r.value());
    const handlers: Handler[] = [];
    for (let i = r.u32(); i > 0; i--) {
      const kind = r.u8() as 0 | 1 | 2, hsp = base + r.u32(), hpc = r.u32();
      const codes = r.value() as Value;
      handlers.push({ kind, sp: hsp, pc: hpc, codes: kind === 1 ? listOf(codes as Box) : codes });
    }
    const temp = r.value() as Value, debug = r.u8() === 1, self = r.value() as Value, verb = r.str();
    const definer = r.value() as Value, progr = r.f64(), player = r.value() as Value, cmd = r.value() as Box, evalWrap = r.u8() === 1;
    const bfResume = r.u8() === 1 ? { name: r.str(), state: r.value() as Value } : null;
    frames.push({ prog, pc, sp, stack, base, env, nums: null, handlers, temp, debug, self, verb, definer, progr, cmd, player, evalWrap, bfResume });
  }
  return { id, frames, ticksUsed, maxDepth };
};
