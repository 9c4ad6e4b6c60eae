// How MOO literals print: strings quoted and floats as C's %.15g plus ".0",
// exactly as LambdaMOO prints them. One copy, shared by the unparser
// (verb_code) and by toliteral() in verbs/value.ts, so the two never differ.

/** A string literal with `"` and `\` escaped, nothing else. */
export function quoteString(s: string): string {
  return `"${s.replace(/["\\]/g, "\\$&")}"`;
}

/** C's `%.15g`, plus ".0" when that looks like an integer (ToastStunt's unparse_value). */
export function formatFloat(x: number): string {
  let s: string;
  if (Number.isNaN(x)) s = "nan";
  else if (!Number.isFinite(x)) s = x > 0 ? "inf" : "-inf";
  else if (x === 0) s = Object.is(x, -0) ? "-0" : "0";
  else {
    const [mantissa, expText] = x.toExponential(14).split("e") as [string, string];
    const exp = Number(expText);
    if (exp < -4 || exp >= 15) {
      s = `${stripZeros(mantissa)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
    } else {
      s = stripZeros(x.toFixed(14 - exp));
    }
  }
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}

function stripZeros(s: string): string {
  if (!s.includes(".")) return s;
  return s.replace(/0+$/, "").replace(/\.$/, "");
}
