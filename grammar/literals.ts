// How MOO literals print: strings quoted and floats as C's %.15g plus ".0",
// exactly as LambdaMOO prints them. One copy, shared by the unparser
// (verb_code) and by toliteral() in verbs/value.ts, so the two never differ;
// textdumps print floats with the same %g at 19 digits (db_io.c).

/** A string literal with `"` and `\` escaped, nothing else. */
export function quoteString(s: string): string {
  return `"${s.replace(/["\\]/g, "\\$&")}"`;
}

/** C's `%.15g`, plus ".0" when that looks like an integer (ToastStunt's unparse_value). */
export function formatFloat(x: number): string {
  const s = formatG(x, 15);
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}

/**
 * C's `%.<precision>g` of a double. JS rounds an exact decimal tie up where
 * glibc rounds it to even; the digits still name the same double.
 */
export function formatG(x: number, precision: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa, expText] = x.toExponential(precision - 1).split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= precision) {
    return `${stripZeros(mantissa)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return stripZeros(x.toFixed(precision - 1 - exp));
}

function stripZeros(s: string): string {
  if (!s.includes(".")) return s;
  return s.replace(/0+$/, "").replace(/\.$/, "");
}
