// The builtin table of the language: every pure builtin, joined from one
// table per domain (STYLE.md 5). objects/ adds the world's builtins on top.

import type { BuiltinSpec } from "../builtin-spec.ts";
import { coreBuiltins } from "./core.ts";
import { typeBuiltins } from "./types.ts";
import { listBuiltins } from "./lists.ts";
import { mapBuiltins } from "./maps.ts";
import { mathBuiltins } from "./math.ts";
import { timeBuiltins } from "./time.ts";
import { stringBuiltins } from "./strings.ts";
import { passwordBuiltins } from "./passwords.ts";

export const languageBuiltins: readonly BuiltinSpec[] = [
  ...coreBuiltins, ...typeBuiltins, ...listBuiltins, ...mapBuiltins, ...mathBuiltins, ...timeBuiltins, ...stringBuiltins,
  ...passwordBuiltins,
];
