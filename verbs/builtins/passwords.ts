// password_hash() and password_verify(): passwords kept as salted scrypt
// hashes, so a database never holds one in plain text. crypt() stays for old
// cores; new code should use these.

import { scryptSync, randomBytes, timingSafeEqual } from "node:crypto";
import { type Value, T, E } from "../value.ts";
import { type BuiltinCtx, type BuiltinSpec, chargeWork } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";
import { payFor } from "./crypt.ts";

/**
 * scrypt's parameters for interactive logins (Percival's paper: N = 2^14,
 * r = 8, p = 1): about 16 MiB and 50 ms of one core per hash. The server
 * is single-threaded, so this is a trade between guessing cost and the stall
 * a login causes everyone else.
 */
const LOG_N = 14, R = 8, P = 1;
const SALT_BYTES = 16, KEY_BYTES = 32;
/** Largest parameters password_verify accepts, so a crafted hash cannot stall the server for long. */
const MAX_LOG_N = 16, MAX_R = 8, MAX_P = 4;

/** Ticks for one hash: its work is N * r * p block mixes. 4,096 at the defaults, so a task can afford a few. */
const ticksFor = (logN: number, r: number, p: number): number => ((1 << logN) * r * p) / 32;

const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const b64 = (b: Buffer): string => b.toString("base64").replace(/=+$/, "");

const derive = (ctx: BuiltinCtx, text: string, salt: Buffer, logN: number, r: number, p: number, bytes: number): Buffer => {
  payFor(ctx, ticksFor(logN, r, p));
  chargeWork(ctx, text.length);
  const N = 1 << logN;
  return scryptSync(text.normalize("NFC"), salt, bytes, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
};

/** password_hash(text): `$scrypt$ln=14,r=8,p=1$<salt>$<hash>` (base64, as passlib writes scrypt hashes). */
const bf_password_hash = (args: Value[], ctx: BuiltinCtx): Value => {
  const salt = randomBytes(SALT_BYTES);
  const key = derive(ctx, args[0] as string, salt, LOG_N, R, P, KEY_BYTES);
  return `$scrypt$ln=${LOG_N},r=${R},p=${P}$${b64(salt)}$${b64(key)}`;
};

/** password_verify(text, hash): 1 when text is the password hash was made from; E_INVARG for a malformed hash. */
const bf_password_verify = (args: Value[], ctx: BuiltinCtx): Value => {
  const m = FORMAT.exec(args[1] as string);
  const logN = Number(m?.[1]), r = Number(m?.[2]), p = Number(m?.[3]);
  if (!m || !(logN >= 1 && logN <= MAX_LOG_N && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) {
    throw new MooError(E.E_INVARG, "Not a password hash this server makes");
  }
  const want = Buffer.from(m[5]!, "base64");
  if (want.length < 16 || want.length > 64) throw new MooError(E.E_INVARG, "Not a password hash this server makes");
  const got = derive(ctx, args[0] as string, Buffer.from(m[4]!, "base64"), logN, r, p, want.length);
  return timingSafeEqual(got, want) ? 1 : 0;
};

export const passwordBuiltins: BuiltinSpec[] = [
  { name: "password_hash", min: 1, max: 1, types: [T.STR], perm: "anyone", fn: bf_password_hash },
  { name: "password_verify", min: 2, max: 2, types: [T.STR, T.STR], perm: "anyone", fn: bf_password_verify },
];
