// MooError: the one exception that means "raise this MOO error" (STYLE.md 6).
// Thrown deep in builtins or the object model, caught at the builtin-call
// boundary and turned into a MOO raise. Any other exception is a server bug.

import { type Value, mkErr, errorMessage } from "./value.ts";

export class MooError extends Error {
  /** What the raise carries as its code: normally the ERR for `code`; raise() may use any value. */
  readonly codeValue: Value;
  constructor(readonly code: number, msg?: string, readonly value: Value = 0, codeValue?: Value) {
    super(msg ?? errorMessage(code));
    this.codeValue = codeValue ?? mkErr(code);
  }
  /** The MOO error value this raise carries (message kept when it is not the default). */
  toValue(): Value {
    return this.message === errorMessage(this.code) && this.value === 0 ? mkErr(this.code) : mkErr(this.code, this.message, this.value);
  }
}
