// Which functions a multi-turn question shows the model at each turn (excluded ones never, missed ones from their turn on).
import { createApi } from "./apis/create-api.js";
import { fromJsonInput } from "../../../python/runtime/from-json-value.js";
import { PyDict } from "../../../python/py-value.js";
import { ReferenceRuntime } from "./reference-runtime.js";

/**
 * The function names offered at `turnIndex` during inference: every public method of the
 * involved classes, minus `excluded_function`, minus the `missed_function` entries whose turn
 * has not come yet (miss_func questions add those in a later, question-less turn). Scoring does
 * not use this: the reference executes any call to any involved method, withheld or not.
 */
export function visibleFunctions(question: unknown, turnIndex: number): string[] {
  const entry = fromJsonInput(question);
  if (!(entry instanceof PyDict)) throw new TypeError("question must be the BFCL question object");
  const involved = (entry.get("involved_classes") ?? []) as string[];
  const excluded = new Set((entry.get("excluded_function") ?? []) as string[]);
  const missed = entry.get("missed_function");
  const withheld = new Set<string>();
  if (missed instanceof PyDict) {
    for (const [turn, names] of missed.items()) if (Number(turn) > turnIndex) for (const name of names as string[]) withheld.add(name);
  }
  const runtime = new ReferenceRuntime();
  return involved
    .flatMap((className) => createApi(className, runtime).methodNames())
    .filter((name) => !excluded.has(name) && !withheld.has(name));
}
