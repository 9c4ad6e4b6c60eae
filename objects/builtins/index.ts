// The world's builtin table: everything objects/ adds to the language's own
// (verbs/builtins). world/ joins the two when it builds the VM.

import type { BuiltinSpec } from "../../verbs/builtin-spec.ts";
import { objectBuiltins } from "./objects.ts";
import { propertyBuiltins } from "./properties.ts";
import { verbBuiltins } from "./verbs.ts";
import { taskBuiltins } from "./tasks.ts";
import { serverBuiltins } from "./server.ts";

export const worldBuiltins: readonly BuiltinSpec[] = [
  ...objectBuiltins, ...propertyBuiltins, ...verbBuiltins, ...taskBuiltins, ...serverBuiltins,
];
