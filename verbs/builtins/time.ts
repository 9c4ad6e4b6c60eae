// Clock and identifier builtins: time, ctime, ftime (ToastStunt) and uuid
// (mooR). Wall-clock time comes from ctx.now() so tests can fix it; only the
// monotonic clock and uuid's randomness come from the host.

import { randomBytes } from "node:crypto";
import { type Value, type Box, T, E, mkFloat, bigOf, isTrue } from "../value.ts";
import { type BuiltinSpec, type BuiltinCtx } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";

const bf_time = (_args: Value[], ctx: BuiltinCtx): Value => Math.floor(ctx.now() / 1000);

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
/** JS Dates reach 8.64e15 ms either side of the epoch; beyond, C's localtime fails too. */
const MAX_DATE_SECONDS = 8.64e12;

const two = (n: number): string => String(n).padStart(2, "0");

/** The local zone's short name ("UTC", "EST"), as strftime's %Z gives it. */
const zoneName = (d: Date): string =>
  new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d)
    .find((p) => p.type === "timeZoneName")?.value ?? "";

/**
 * ctime([time]): strftime("%a %b %d %H:%M:%S %Y %Z") in the server's local
 * zone, with the day's leading zero made a space, as LambdaMOO prints it:
 * "Sun Nov 14 22:13:20 2023 UTC".
 */
export const formatCtime = (seconds: number): string => {
  const d = new Date(seconds * 1000);
  const day = String(d.getDate()).padStart(2, " ");
  const clock = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${day} ${clock} ${d.getFullYear()} ${zoneName(d)}`;
};

const bf_ctime = (args: Value[], ctx: BuiltinCtx): Value => {
  const t = args.length >= 1 ? args[0]! : Math.floor(ctx.now() / 1000);
  if (typeof t !== "number" || Math.abs(t) > MAX_DATE_SECONDS) throw new MooError(E.E_INVARG);
  return formatCtime(t);
};

/**
 * ftime([monotonic]): seconds since the epoch as a float; with a true
 * argument, seconds on the host's monotonic clock (since process start),
 * which no clock adjustment moves.
 */
const bf_ftime = (args: Value[], ctx: BuiltinCtx): Value => {
  if (args.length >= 1 && isTrue(args[0]!)) return mkFloat(performance.now() / 1000);
  return mkFloat(ctx.now() / 1000);
};

const hex64 = (v: Value): string => BigInt.asUintN(64, bigOf(v as number | Box)).toString(16).padStart(16, "0");
const dashed = (h: string): string =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

/**
 * A version 7 UUID (RFC 9562), as mooR's uuid(): 48 bits of Unix
 * milliseconds, then version, variant and 74 random bits.
 */
export const uuidV7 = (ms: number): string => {
  const b = randomBytes(16);
  let t = Math.max(0, Math.floor(ms));
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  return dashed(b.toString("hex"));
};

/** uuid() makes a new UUID; uuid(high, low) prints the 128 bits of two INTs (mooR). */
const bf_uuid = (args: Value[], ctx: BuiltinCtx): Value => {
  if (args.length === 0) return uuidV7(ctx.now());
  if (args.length !== 2) throw new MooError(E.E_ARGS);
  return dashed(hex64(args[0]!) + hex64(args[1]!));
};

export const timeBuiltins: BuiltinSpec[] = [
  { name: "time", min: 0, max: 0, types: [], perm: "anyone", fn: bf_time },
  { name: "ctime", min: 0, max: 1, types: [T.INT], perm: "anyone", fn: bf_ctime },
  { name: "ftime", min: 0, max: 1, types: [T.INT], perm: "anyone", fn: bf_ftime },
  { name: "uuid", min: 0, max: 2, types: [T.INT, T.INT], perm: "anyone", fn: bf_uuid },
];
