// The verb editor's requests (C.VERB_LOAD, VERB_SAVE, VERB_SET_INFO,
// OBJECT_LOAD): each is a MOO program run as the requesting player
// (player-requests.ts), calling verb_info, verb_code, set_verb_code,
// verbs, properties, ... so the player reads and changes exactly what the
// player's own MOO code could. Only compile errors get extra work here:
// set_verb_code reports "Line N:  message", and the editor wants columns too.

import { type Value, mkList } from "../verbs/value.ts";
import { compileSource } from "../verbs/compile-source.ts";
import { C, type Request, type VerbData, type ObjectData, type CompileError, type SaveResult, type ArgSpec, type VerbEntry, type PropEntry } from "./protocol.ts";
import { PlayerRequests, type Answer, int, str, obj, list, strings } from "./player-requests.ts";

/** `{ref, @rest} = args;` and o, the object ref names (validated by the caller: #N, me, here or $name). */
const RESOLVE = `
{ref, @rest} = args;
if (ref == "me")
  o = player;
elseif (ref == "here")
  o = player.location;
elseif (ref[1] == "$")
  o = #0.(ref[2..$]);
else
  o = toobj(ref);
endif
if (!valid(o))
  raise(E_INVARG, tostr(ref, " is not a valid object."));
endif
`;

/** The verb d on o or, for a name, on the nearest ancestor that defines it (as a command would find it). */
const LOAD = `${RESOLVE}
d = rest[1];
x = o;
info = 0;
if (typeof(d) == INT)
  info = verb_info(o, d);
endif
while (info == 0 && valid(x))
  try
    info = verb_info(x, d);
  except (E_VERBNF)
    x = parent(x);
  endtry
endwhile
if (info == 0)
  raise(E_VERBNF, tostr(o.name, " (", o, ") has no verb ", d, "."));
endif
index = typeof(d) == INT ? d | 0;
if (!index)
  try
    names = verbs(x);
    for i in [1..length(names)]
      if (equal(names[i], info[3]))
        index = i;
        break;
      endif
    endfor
  except (E_PERM)
  endtry
endif
desc = index || d;
return {1, {x, x.name, index, info, verb_args(x, desc), verb_code(x, desc), valid(info[1]) ? info[1].name | "?"}};`;

const SAVE = `${RESOLVE}
{d, code} = rest;
return {1, set_verb_code(o, d, code)};`;

const SET_INFO = `${RESOLVE}
{d, names, perms, spec} = rest;
info = verb_info(o, d);
set_verb_args(o, d, spec);
set_verb_info(o, d, {info[1], perms, names});
return {1, 0};`;

/** A property value, shortened for the browser: long strings and big lists are not sent whole. */
const PREVIEW = `
try
  if (typeof(v) == STR && length(v) > 120)
    s = toliteral(v[1..120]) + "...";
  elseif (typeof(v) in {LIST, MAP} && length(v) > 30)
    s = tostr(typeof(v) == LIST ? "{list of " | "[map of ", length(v), typeof(v) == LIST ? " items}" | " entries]");
  else
    s = toliteral(v);
    if (length(s) > 160)
      s = s[1..160] + "...";
    endif
  endif
except (ANY)
  s = "(too large to show)";
endtry`;

/**
 * o and its ancestors, each with the verbs and properties it defines, as the
 * player may see them. Read-only, so it may run past one task's tick limit
 * in slices (a LambdaCore player inherits some hundreds of verbs).
 */
const BROWSE = `${RESOLVE}
set_task_preemptible(1);
chain = {};
vl = {};
pl = {};
x = o;
while (valid(x))
  readable = 1;
  try
    vs = verbs(x);
    for i in [1..length(vs)]
      try
        vl = {@vl, {x, i, verb_info(x, i), verb_args(x, i)}};
      except (E_PERM)
        vl = {@vl, {x, i, {#-1, "", vs[i]}, 0}};
      endtry
    endfor
    for p in (properties(x))
      try
        pinfo = property_info(o, p);
      except (E_PERM)
        pinfo = {#-1, ""};
      endtry
      try
        v = o.(p);
        ${PREVIEW}
      except (E_PERM)
        s = 0;
      endtry
      pl = {@pl, {x, p, pinfo[1], pinfo[2], s}};
    endfor
  except (E_PERM)
    readable = 0;
  endtry
  chain = {@chain, {x, x.name, readable}};
  x = parent(x);
endwhile
return {1, {o, o.name, o.owner, chain, vl, pl}};`;

export type EditorRequest = Extract<Request, { c: typeof C.VERB_LOAD | typeof C.VERB_SAVE | typeof C.VERB_SET_INFO | typeof C.OBJECT_LOAD }>;
export type EditorAnswer = { ok: true; result: VerbData | SaveResult | ObjectData } | { ok: false; error: string; message: string };

export class VerbEditor {
  private readonly load = PlayerRequests.program(LOAD);
  private readonly save = PlayerRequests.program(SAVE);
  private readonly setInfo = PlayerRequests.program(SET_INFO);
  private readonly browse = PlayerRequests.program(BROWSE);

  constructor(private readonly requests: PlayerRequests) {}

  async handle(player: number, r: EditorRequest): Promise<EditorAnswer> {
    switch (r.c) {
      case C.VERB_LOAD: return this.loadVerb(player, r.obj, r.verb);
      case C.VERB_SAVE: {
        const a = await this.requests.run(player, this.save, [r.obj, r.verb, mkStrings(r.code)], "editor save");
        if (!a.ok) return a;
        return { ok: true, result: { errors: compileErrors(r.code, strings(a.value)) } };
      }
      case C.VERB_SET_INFO: {
        const a = await this.requests.run(player, this.setInfo, [r.obj, r.verb, r.names, r.perms, mkStrings(r.args)], "editor info");
        if (!a.ok) return a;
        // A verb named by name may have just been renamed: find it again by its new first name.
        return this.loadVerb(player, r.obj, typeof r.verb === "number" ? r.verb : (r.names.trim().split(/\s+/)[0] ?? r.names));
      }
      case C.OBJECT_LOAD: {
        const a = await this.requests.run(player, this.browse, [r.obj], "editor browse");
        return a.ok ? { ok: true, result: objectData(a.value) } : a;
      }
    }
  }

  private async loadVerb(player: number, ref: string, verb: string | number): Promise<EditorAnswer> {
    const a: Answer = await this.requests.run(player, this.load, [ref, verb], "editor load");
    if (!a.ok) return a;
    const [definer, name, index, info, args, code, ownerName] = list(a.value);
    const [owner, perms, names] = list(info);
    return {
      ok: true,
      result: {
        obj: obj(definer), objName: str(name), index: int(index), names: str(names), owner: obj(owner), ownerName: str(ownerName),
        perms: str(perms), args: argSpec(args) ?? ["none", "none", "none"], code: strings(code),
      },
    };
  }
}

const mkStrings = (xs: readonly string[]): Value => mkList([...xs]);

const argSpec = (v: Value | undefined): ArgSpec | null => {
  const s = strings(v);
  return s.length === 3 ? [s[0]!, s[1]!, s[2]!] : null;
};

/**
 * set_verb_code's "Line N:  message" strings, with columns: the same source
 * compiled again gives the same diagnostics with their positions (the
 * compiler is deterministic, and this runs only after the builtin has
 * checked permissions and refused the code).
 */
export const compileErrors = (code: readonly string[], reported: readonly string[]): CompileError[] => {
  if (reported.length === 0) return [];
  const c = compileSource(code.join("\n"));
  if (!c.ok) return c.errors.map((d) => ({ line: d.line, col: d.col, message: d.message }));
  return reported.map((s) => {
    const m = /^Line (\d+):\s+(.*)$/s.exec(s);
    return m ? { line: Number(m[1]), col: 1, message: m[2]! } : { line: 1, col: 1, message: s };
  });
};

const objectData = (v: Value): ObjectData => {
  const [o, name, owner, chain, verbs, props] = list(v);
  return {
    obj: obj(o), name: str(name), owner: obj(owner),
    chain: list(chain).map((c) => { const [x, n, r] = list(c); return { obj: obj(x), name: str(n), readable: int(r) !== 0 }; }),
    verbs: list(verbs).map((e): VerbEntry => {
      const [x, i, info, args] = list(e);
      const [vo, perms, names] = list(info);
      return { definer: obj(x), index: int(i), names: str(names), owner: obj(vo) < 0 ? null : obj(vo), perms: str(perms), args: argSpec(args) };
    }),
    props: list(props).map((e): PropEntry => {
      const [x, p, po, perms, s] = list(e);
      return { definer: obj(x), name: str(p), owner: obj(po) < 0 ? null : obj(po), perms: str(perms), value: typeof s === "string" ? s : null };
    }),
  };
};
