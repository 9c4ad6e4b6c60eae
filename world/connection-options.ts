// The options a connection carries (connection_option(),
// connection_options(), set_connection_option()): LambdaMOO's set, with its
// names, value types and list order: binary, flush-command, hold-input,
// disable-oob, intrinsic-commands, client-echo.

import { type Value, T, mkList, isTrue } from "../verbs/value.ts";

/** The intrinsic commands a connection may have turned off (LambdaMOO's names). */
export const INTRINSICS = ["PREFIX", "SUFFIX", "OUTPUTPREFIX", "OUTPUTSUFFIX", ".program"] as const;
export type IntrinsicName = (typeof INTRINSICS)[number];

export interface ConnOptions {
  /** Input arrives as binary strings, unsplit; output is decoded from binary strings, no line ending added. */
  binary: boolean;
  /** The line that drops typed-ahead input ("" for none); $server_options.default_flush_command at connect time. */
  flushCommand: string;
  /** Lines wait for a read() instead of becoming commands (out-of-band lines still go through). */
  holdInput: boolean;
  /** `#$#` lines are ordinary input. */
  disableOob: boolean;
  /** Which intrinsic commands are recognized. */
  intrinsics: Set<string>;
  /** The client echoes what is typed (off asks a telnet client not to: passwords). */
  clientEcho: boolean;
}

export const defaultOptions = (flushCommand: string): ConnOptions => ({
  binary: false, flushCommand, holdInput: false, disableOob: false, intrinsics: new Set(INTRINSICS), clientEcho: true,
});

interface OptionDef {
  readonly name: string;
  get(o: ConnOptions): Value;
  /** False when the value is not one the option takes (E_INVARG). */
  set(o: ConnOptions, v: Value): boolean;
}

const flag = (name: string, key: "binary" | "holdInput" | "disableOob" | "clientEcho"): OptionDef => ({
  name, get: (o) => (o[key] ? 1 : 0), set: (o, v) => { o[key] = isTrue(v); return true; },
});

/** As LambdaMOO's icmd_set_flags: a truth value turns all on or off; a list names the ones to keep. */
const setIntrinsics = (o: ConnOptions, v: Value): boolean => {
  if (typeof v === "number") { o.intrinsics = v !== 0 ? new Set(INTRINSICS) : new Set(); return true; }
  if (typeof v !== "object" || v.tag !== T.LIST) return false;
  const next = new Set<string>();
  for (const item of v.ref as Value[]) {
    const known = typeof item === "string" ? INTRINSICS.find((n) => n.toLowerCase() === item.toLowerCase()) : undefined;
    if (!known) return false;
    next.add(known);
  }
  o.intrinsics = next;
  return true;
};

const OPTIONS: readonly OptionDef[] = [
  flag("binary", "binary"),
  {
    name: "flush-command",
    get: (o) => o.flushCommand,
    // LambdaMOO: a non-empty string sets it; anything else turns flushing off.
    set: (o, v) => { o.flushCommand = typeof v === "string" ? v : ""; return true; },
  },
  flag("hold-input", "holdInput"),
  flag("disable-oob", "disableOob"),
  { name: "intrinsic-commands", get: (o) => mkList(INTRINSICS.filter((n) => o.intrinsics.has(n))), set: setIntrinsics },
  flag("client-echo", "clientEcho"),
];

const find = (name: string): OptionDef | undefined => {
  const lower = name.toLowerCase();
  return OPTIONS.find((d) => d.name === lower);
};

/** connection_option(conn, name): undefined for an unknown name. */
export const getOption = (o: ConnOptions, name: string): Value | undefined => find(name)?.get(o);

/** set_connection_option(): false for an unknown name or a value the option does not take. */
export const setOption = (o: ConnOptions, name: string, v: Value): boolean => find(name)?.set(o, v) ?? false;

/** connection_options(conn): {{name, value}, ...} in LambdaMOO's order. */
export const optionList = (o: ConnOptions): Value => mkList(OPTIONS.map((d) => mkList([d.name, d.get(o)])));
