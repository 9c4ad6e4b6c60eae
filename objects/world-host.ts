// The VM's view of the world (VmHost): property reads and writes with
// LambdaMOO's permission rules, and verb dispatch into new frames. Forks and
// output go to whoever runs the server (world/), through WorldServices.

import { type Value, type Box, T, E, mkObj, mkList, isTrue } from "../verbs/value.ts";
import { MooError } from "../verbs/errors.ts";
import { decodeProgram } from "../verbs/codec.ts";
import { type VmHost, type FrameContext, type CacheSite, newFrame, frameOf } from "../verbs/host.ts";
import type { Limits } from "../verbs/builtin-spec.ts";
import type { Frame, Task } from "../verbs/task.ts";
import type { Program } from "../verbs/program.ts";
import { type MooObject, type VerbDef, type BuiltinProp, type PropSlot, FLAG, PF, VF, CLEAR, BUILTIN_PROPS, isBuiltinProp } from "./model.ts";
import { World } from "./world.ts";

/** The open connections, as the connection builtins see them (world/'s connection layer implements it). */
export interface ConnectionInfo {
  /** Logged-in players; unlogged connections' numbers too when `all`. */
  connected(all: boolean): number[];
  /** connection_name(): undefined when not connected. */
  nameOf(player: number): string | undefined;
  idleSeconds(player: number): number | undefined;
  connectedSeconds(player: number): number | undefined;
  bufferedOutput(player: number): number | undefined;
  /** Close the player's connection (boot_player); false when there was none. */
  boot(player: number): boolean;
  /** output_delimiters(): the PREFIX and SUFFIX set on the connection; undefined when not connected. */
  delimiters(player: number): [string, string] | undefined;
  /** force_input(): a line as if typed on conn, at the front of its queue or the back. */
  forceInput(conn: number, line: string, atFront: boolean): void;
  /** flush_input(): drop the lines typed ahead on conn, telling the player when `show`. */
  flushInput(conn: number, show: boolean): void;
  /** connection_option(s)(): one option (undefined when unknown), or the list of all; undefined when not connected. */
  connectionOption(conn: number, name?: string): Value | undefined;
  /** set_connection_option(): false when not connected, or for an unknown option or a value it does not take. */
  setConnectionOption(conn: number, name: string, value: Value): boolean;
  /** Output a connection may leave unread before it is dropped (buffered_output_length()). */
  readonly maxQueuedOutput: number;
}

/** What objects/ needs from the running server; world/ implements it, tests fake it. */
export interface WorldServices {
  /** Absent when there is no network (tests, moo eval): nobody is connected. */
  readonly connections?: ConnectionInfo;
  /** Queue a forked task (see VmHost.fork); returns its id. */
  fork(task: Task, frame: Frame, bodyPc: number, delay: number, idSlot: number): number;
  /** Send a line to a player's connections (notify()); false when nobody is listening. */
  notify(player: number, text: string): boolean;
  /** Start a backup of the database (dump_database()); absent when there is nothing to back up. */
  backup?(): void;
  /** Shut the server down after the running task (shutdown()); absent when nothing can be shut down. */
  shutdown?(message: string): void;
  /** A line for the server's log (server_log()); absent when there is no log but stderr. */
  serverLog?(line: string): void;
  now(): number;
  random(): number;
}

/** What a call site remembers of the verb it found. */
interface CachedVerb { readonly def: VerbDef; readonly definerObj: Value }

/** Compiles verb source for dispatch; world/ passes the real compiler. */
export type VerbCompiler = (source: string) => Program | null;

export class WorldHost implements VmHost {
  /** Built-in properties and builtins that $server_options protects (wizard-only), lower-cased. */
  protectedProps = new Set<string>();
  protectedBuiltins = new Set<string>();
  /** Objects a non-wizard may own (config quotas.objects_per_owner); 0 for no limit. */
  objectQuota = 0;

  constructor(
    readonly model: World,
    readonly limits: Limits,
    private readonly services: WorldServices,
    private readonly compile: VerbCompiler,
  ) {}

  // ---- properties ----

  getProp(frame: Frame, objv: Value, namev: Value): Value {
    const o = this.object(objv, namev);
    const lname = (namev as string).toLowerCase();
    // Ordinary properties first: none may share a built-in property's name (add_property refuses).
    const slot = o.props.get(lname);
    if (!slot) {
      if (!isBuiltinProp(lname)) throw new MooError(E.E_PROPNF);
      if (this.protectedProps.has(lname) && !this.model.isWizard(frame.progr)) throw new MooError(E.E_PERM);
      return this.builtinValue(o, lname);
    }
    if (!(slot.perms & PF.READ) && frame.progr !== slot.owner && !this.model.isWizard(frame.progr)) throw new MooError(E.E_PERM);
    return this.model.valueOf(o, slot, lname);
  }

  setProp(frame: Frame, objv: Value, namev: Value, value: Value): void {
    const o = this.object(objv, namev);
    const lname = (namev as string).toLowerCase();
    const progr = frame.progr;
    const slot = o.props.get(lname);
    if (!slot) {
      if (!isBuiltinProp(lname)) throw new MooError(E.E_PROPNF);
      this.setBuiltin(o, lname, value, progr, this.model.isWizard(progr));
      return;
    }
    if (!(slot.perms & PF.WRITE) && progr !== slot.owner && !this.model.isWizard(progr)) throw new MooError(E.E_PERM);
    slot.value = value;
    this.model.touch(o.id);
  }

  /**
   * getProp with a cache site: when the same object was read here and the
   * world's shape is unchanged, the slot is reused without any lookup.
   */
  getPropAt(frame: Frame, objv: Value, lname: string, site: CacheSite): Value {
    if (typeof objv === "object" && objv.tag === T.OBJ && site.key === objv.n && site.stamp === this.model.shape) {
      const slot = site.ref as PropSlot;
      if ((slot.perms & PF.READ) || frame.progr === slot.owner || this.model.isWizard(frame.progr)) {
        return slot.value === CLEAR ? this.model.valueOf(this.model.get(objv.n), slot, lname) : slot.value;
      }
    }
    const v = this.getProp(frame, objv, lname);
    this.fill(site, objv, lname);
    return v;
  }

  setPropAt(frame: Frame, objv: Value, lname: string, value: Value, site: CacheSite): void {
    if (typeof objv === "object" && objv.tag === T.OBJ && site.key === objv.n && site.stamp === this.model.shape) {
      const slot = site.ref as PropSlot;
      if ((slot.perms & PF.WRITE) || frame.progr === slot.owner || this.model.isWizard(frame.progr)) {
        slot.value = value;
        this.model.touch(objv.n);
        return;
      }
    }
    this.setProp(frame, objv, lname, value);
    this.fill(site, objv, lname);
  }

  /** Remember an ordinary property's slot for a site (built-in properties are not cached). */
  private fill(site: CacheSite, objv: Value, lname: string): void {
    if (typeof objv !== "object" || objv.tag !== T.OBJ) return;
    const slot = this.model.find(objv.n)?.props.get(lname);
    if (!slot) return;
    site.key = objv.n;
    site.stamp = this.model.shape;
    site.ref = slot;
  }

  private object(objv: Value, namev: Value): MooObject {
    if (typeof objv !== "object" || objv.tag !== T.OBJ || typeof namev !== "string") throw new MooError(E.E_TYPE);
    return this.model.get(objv.n);
  }

  builtinValue(o: MooObject, p: BuiltinProp): Value {
    switch (p) {
      case "name": return o.name;
      case "owner": return mkObj(o.owner);
      case "location": return mkObj(o.location);
      case "contents": return mkList(o.contents.map(mkObj));
      case "programmer": return o.flags & FLAG.PROGRAMMER ? 1 : 0;
      case "wizard": return o.flags & FLAG.WIZARD ? 1 : 0;
      case "r": return o.flags & FLAG.READ ? 1 : 0;
      case "w": return o.flags & FLAG.WRITE ? 1 : 0;
      case "f": return o.flags & FLAG.FERTILE ? 1 : 0;
    }
  }

  /** LambdaMOO's OP_PUT_PROP rules for the built-in properties. */
  private setBuiltin(o: MooObject, p: BuiltinProp, value: Value, progr: number, wizard: boolean): void {
    const protect = this.protectedProps.has(p) && !wizard;
    switch (p) {
      case "name":
        if (typeof value !== "string") throw new MooError(E.E_TYPE);
        if (!wizard && ((o.flags & FLAG.PLAYER) || protect || progr !== o.owner)) throw new MooError(E.E_PERM);
        o.name = value;
        break;
      case "owner":
        if (typeof value !== "object" || value.tag !== T.OBJ) throw new MooError(E.E_TYPE);
        if (!wizard) throw new MooError(E.E_PERM);
        o.owner = value.n;
        break;
      case "programmer": case "wizard":
        if (!wizard) throw new MooError(E.E_PERM);
        this.setFlag(o, p === "wizard" ? FLAG.WIZARD : FLAG.PROGRAMMER, value);
        break;
      case "r": case "w": case "f":
        if (!wizard && (protect || progr !== o.owner)) throw new MooError(E.E_PERM);
        this.setFlag(o, p === "r" ? FLAG.READ : p === "w" ? FLAG.WRITE : FLAG.FERTILE, value);
        break;
      case "location": case "contents":
        throw new MooError(E.E_PERM);
    }
    this.model.touch(o.id);
  }

  private setFlag(o: MooObject, bit: number, value: Value): void {
    o.flags = isTrue(value) ? o.flags | bit : o.flags & ~bit;
  }

  // ---- verbs ----

  callVerb(_task: Task, frame: Frame, objv: Value, namev: Value, args: Box): Frame {
    if (typeof objv !== "object" || objv.tag !== T.OBJ || typeof namev !== "string") throw new MooError(E.E_TYPE);
    const o = this.model.find(objv.n);
    if (!o) throw new MooError(E.E_INVIND);
    const hit = this.model.findVerb(o, namev, true);
    if (!hit) throw new MooError(E.E_VERBNF);
    const c: FrameContext = { player: this.playerFor(frame), self: objv, caller: frame.self, verb: namev, args, cmd: frame.cmd };
    return this.frameFor(hit.def, hit.definer.id, c, frame);
  }

  /** callVerb with a cache site: the same object called here again finds its verb without a search. */
  callVerbAt(task: Task, frame: Frame, objv: Value, name: string, args: Box, site: CacheSite): Frame {
    if (typeof objv === "object" && objv.tag === T.OBJ && site.key === objv.n && site.stamp === this.model.shape) {
      const def = (site.ref as CachedVerb).def;
      return frameOf(this.programOf(def), this.playerFor(frame), objv, frame.self, name, args, frame.cmd,
        def.owner, (def.perms & VF.DEBUG) !== 0, (site.ref as CachedVerb).definerObj, frame);
    }
    const f = this.callVerb(task, frame, objv, name, args);
    const o = this.model.find((objv as Box).n)!;
    site.key = o.id;
    site.stamp = this.model.shape;
    const hit = this.model.findVerb(o, name, true)!;
    site.ref = { def: hit.def, definerObj: mkObj(hit.definer.id) };
    return f;
  }

  /** pass(): the same verb name on the parent of the running verb's definer, with the same `this`. */
  passVerb(_task: Task, frame: Frame, args: Box): Frame {
    const definer = typeof frame.definer === "object" && frame.definer.tag === T.OBJ ? this.model.find(frame.definer.n) : null;
    if (!definer) throw new MooError(E.E_INVIND);
    const parent = this.model.find(definer.parent);
    if (!parent) throw new MooError(E.E_INVIND);
    const hit = this.model.findVerb(parent, frame.verb, true);
    if (!hit) throw new MooError(E.E_VERBNF);
    const c: FrameContext = { player: this.playerFor(frame), self: frame.self, caller: frame.self, verb: frame.verb, args, cmd: frame.cmd };
    return this.frameFor(hit.def, hit.definer.id, c, frame);
  }

  /**
   * The `player` a called verb sees: the caller's own, unless the caller runs
   * with wizard rights and assigned its `player` variable an object, which
   * then propagates (LambdaMOO, ToastStunt).
   */
  private playerFor(frame: Frame): Value {
    const slot = frame.prog.init.player;
    if (slot < 0) return frame.player;
    const v = frame.env[slot];
    if (v === undefined || v === frame.player || typeof v !== "object" || v.tag !== T.OBJ) return frame.player;
    return this.model.isWizard(frame.progr) ? v : frame.player;
  }

  /** A frame running verb def (defined on definer) with context c. */
  /** A frame running verb def (on definer) with context c; called from `below` when given. */
  frameFor(def: VerbDef, definer: number, c: FrameContext, below?: Frame): Frame {
    const prog = this.programOf(def);
    return newFrame(prog, c, def.owner, (def.perms & VF.DEBUG) !== 0, mkObj(definer), below);
  }

  /** The verb's compiled program, compiling its source on first use. */
  programOf(def: VerbDef): Program {
    if (def.program) return def.program;
    if (def.code) {
      const stored = decodeProgram(def.code);
      def.code = null;
      if (stored) return (def.program = stored);
    }
    const p = this.compile(def.source);
    if (!p) throw new MooError(E.E_VERBNF, "Verb has compile errors");
    def.program = p;
    return p;
  }

  fork(task: Task, frame: Frame, bodyPc: number, delay: number, idSlot: number): number {
    return this.services.fork(task, frame, bodyPc, delay, idSlot);
  }

  /** The value of $server_options.<name> (#0.server_options is an object), or undefined. */
  serverOption(name: string): Value | undefined {
    const sys = this.model.find(0);
    const slot = sys?.props.get("server_options");
    const so = slot ? this.model.valueOf(sys!, slot, "server_options") : undefined;
    if (typeof so !== "object" || so.tag !== T.OBJ) return undefined;
    const o = this.model.find(so.n);
    const p = o?.props.get(name.toLowerCase());
    return o && p ? this.model.valueOf(o, p, name.toLowerCase()) : undefined;
  }

  /** Re-read $server_options (LambdaMOO's load_server_options): the protect_<name> flags for now. */
  loadServerOptions(builtinNames: Iterable<string>): void {
    const on = (name: string) => { const v = this.serverOption("protect_" + name); return v !== undefined && isTrue(v); };
    this.protectedProps = new Set(BUILTIN_PROPS.filter(on));
    this.protectedBuiltins = new Set([...builtinNames].filter(on));
  }

  builtinGuard(frame: Frame, name: string): "ok" | "wrapper" | "deny" {
    if (!this.protectedBuiltins.has(name)) return "ok";
    if (typeof frame.self === "object" && frame.self.tag === T.OBJ && frame.self.n === 0) return "ok";
    const sys = this.model.find(0);
    if (sys && this.model.findVerb(sys, "bf_" + name, true)) return "wrapper";
    return this.model.isWizard(frame.progr) ? "ok" : "deny";
  }

  /** What builtins see as ctx.world: this host, with the model behind it. */
  get world(): WorldHost { return this; }

  isWizard(obj: number): boolean { return this.model.isWizard(obj); }
  isProgrammer(obj: number): boolean { return this.model.isProgrammer(obj); }
  now(): number { return this.services.now(); }
  random(): number { return this.services.random(); }
  notify(player: number, text: string): boolean { return this.services.notify(player, text); }
  backup(): void { this.services.backup?.(); }
  /** False when the server keeps no log of its own (the caller writes to stderr instead). */
  serverLog(line: string): boolean {
    if (!this.services.serverLog) return false;
    this.services.serverLog(line);
    return true;
  }
  /** False when this server cannot be shut down from MOO code (no server: tests, moo eval). */
  shutdown(message: string): boolean {
    if (!this.services.shutdown) return false;
    this.services.shutdown(message);
    return true;
  }
  get connections(): ConnectionInfo | undefined { return this.services.connections; }
}

