// LambdaMOO's intrinsic commands, handled by the server before any verb:
// `.program obj:verb` (line mode until a lone "."), PREFIX/SUFFIX and their
// OUTPUT* synonyms, and `.flush` (in the connection layer). Replies are
// LambdaMOO's, word for word, so clients and scripts written for it work.

import type { World } from "../objects/world.ts";
import { type MooObject, type VerbDef, VF } from "../objects/model.ts";
import { verbNameMatches } from "../objects/verb-names.ts";
import { T } from "../verbs/value.ts";
import { compileSource } from "../verbs/compile-source.ts";
import { formatDiagnostic } from "../grammar/parse.ts";
import { matchObject, FAILED_MATCH, AMBIGUOUS_MATCH } from "./command-match.ts";
import { parseCommand } from "./command-words.ts";
import type { CommandWorld } from "./command-match.ts";

interface Programming { readonly obj: number; readonly verb: string; readonly lines: string[] }

export class Intrinsics {
  private readonly programming = new Map<number, Programming>();
  private readonly prefix = new Map<number, string>();
  private readonly suffix = new Map<number, string>();

  constructor(
    private readonly world: World,
    private readonly commands: () => CommandWorld,
    private readonly notify: (player: number, text: string) => void,
    /** Whether $server_options.protect_set_verb_code is on. */
    private readonly protectSetVerbCode: () => boolean,
    /** Whether the connection has this intrinsic command turned on (option "intrinsic-commands"). */
    private readonly enabled: (player: number, name: string) => boolean = () => true,
  ) {}

  /** The line was an intrinsic command (or a line of a program being entered): handled here. */
  handle(player: number, line: string): boolean {
    const prog = this.programming.get(player);
    if (prog) {
      if (line === ".") this.endProgramming(player, prog);
      else prog.lines.push(line);
      return true;
    }
    // Every intrinsic command starts with one of these (LambdaMOO compares them case-sensitively):
    // other lines, most of them, need not be parsed here.
    if (!/^ *[.PSO]/.test(line)) return false;
    const pc = parseCommand(line);
    if (!pc || !this.enabled(player, pc.verb)) return false;
    switch (pc.verb) {
      case ".program": {
        if (!this.world.isProgrammer(player)) return false;
        if (pc.args.length !== 1) this.notify(player, "Usage:  .program object:verb");
        else this.startProgramming(player, pc.args[0]!);
        return true;
      }
      case "PREFIX": case "OUTPUTPREFIX": this.set(this.prefix, player, pc.argstr); return true;
      case "SUFFIX": case "OUTPUTSUFFIX": this.set(this.suffix, player, pc.argstr); return true;
      default: return false;
    }
  }

  /** What to print before and after each command's output (PREFIX/SUFFIX), if set. */
  prefixOf(player: number): string | undefined { return this.prefix.get(player); }
  suffixOf(player: number): string | undefined { return this.suffix.get(player); }

  /** output_delimiters(): {prefix, suffix}. */
  delimiters(player: number): [string, string] { return [this.prefix.get(player) ?? "", this.suffix.get(player) ?? ""]; }

  /** A connection closed: forget its program in progress and delimiters. */
  forget(player: number): void {
    this.programming.delete(player);
    this.prefix.delete(player);
    this.suffix.delete(player);
  }

  private set(m: Map<number, string>, player: number, text: string): void {
    if (text === "") m.delete(player); else m.set(player, text);
  }

  private startProgramming(player: number, ref: string): void {
    const colon = ref.indexOf(":");
    if (colon < 0) { this.notify(player, "You must specify a verb; use the format object:verb."); return; }
    const objName = ref.slice(0, colon), verbName = ref.slice(colon + 1);
    const oid = objName.startsWith("$") ? this.systemObject(objName.slice(1)) : matchObject(this.commands(), player, objName);
    const o = this.world.find(oid);
    if (!o) {
      this.notify(player, oid === FAILED_MATCH ? `I don't see "${objName}" here.`
        : oid === AMBIGUOUS_MATCH ? `I don't know which "${objName}" you mean.` : `"${objName}" is not a valid object.`);
      return;
    }
    const v = this.describedVerb(o, verbName);
    if (!v) { this.notify(player, "That object does not have that verb definition."); return; }
    if (!this.mayWrite(player, v)) { this.notify(player, "Permission denied."); return; }
    this.programming.set(player, { obj: o.id, verb: verbName, lines: [] });
    this.notify(player, `Now programming ${o.name}:${v.names}.  Use "." to end.`);
  }

  private endProgramming(player: number, prog: Programming): void {
    this.programming.delete(player);
    const o = this.world.find(prog.obj);
    if (!o) { this.notify(player, "That object appears to have disappeared ..."); return; }
    const v = this.describedVerb(o, prog.verb);
    if (!v) { this.notify(player, "That verb appears to have disappeared ..."); return; }
    const source = prog.lines.join("\n");
    const r = compileSource(source);
    if (!r.ok) for (const e of r.errors) this.notify(player, formatDiagnostic(e));
    this.notify(player, `${r.ok ? 0 : r.errors.length} error(s).`);
    if (!r.ok) { this.notify(player, "Verb not programmed."); return; }
    v.source = source;
    v.program = r.program;
    v.code = null;
    this.world.reshape(o.id);
    this.notify(player, "Verb programmed.");
  }

  /** LambdaMOO find_described_verb: a 1-based index or a name, on o itself. */
  private describedVerb(o: MooObject, desc: string): VerbDef | undefined {
    if (/^\d+$/.test(desc)) return o.verbs[Number(desc) - 1];
    return o.verbs.find((v) => verbNameMatches(v.names, desc));
  }

  private mayWrite(player: number, v: VerbDef): boolean {
    if (this.world.isWizard(player)) return true;
    if (this.protectSetVerbCode()) return false;
    return v.owner === player || (v.perms & VF.WRITE) !== 0;
  }

  /** `$name`: #0's property, when it holds an object. */
  private systemObject(name: string): number {
    const sys = this.world.find(0);
    const slot = sys?.props.get(name.toLowerCase());
    const v = sys && slot ? this.world.valueOf(sys, slot, name.toLowerCase()) : undefined;
    return typeof v === "object" && v.tag === T.OBJ ? v.n : FAILED_MATCH;
  }
}

