// Turns one function-calling step ([{name: "<JSON args>"}, …]) into call strings, as the reference's convert_to_function_call does.
import { fromJsonValue } from "../../../../python/runtime/from-json-value.js";
import { parsePyJson } from "../../../../python/py-json.js";
import { pyRepr } from "../../../../python/py-repr.js";
import { PyDict, type PyValue } from "../../../../python/py-value.js";

/**
 * `name(k=repr(v),…)` for every call of the step, or undefined when the step does not decode
 * (arguments that are not JSON, not an object, or a step that is not a list of objects). The
 * arguments keep Python's int/float distinction because they are re-read with Python's JSON rules.
 */
export function decodeFcStep(step: unknown): string[] | undefined {
  const calls = Array.isArray(step) ? step : typeof step === "object" && step !== null ? [step] : typeof step === "string" ? [...step] : undefined;
  if (calls === undefined) return undefined;
  const decoded: string[] = [];
  for (const call of calls) {
    if (typeof call !== "object" || call === null || Array.isArray(call)) return undefined;
    for (const [name, rawArguments] of Object.entries(call as Record<string, unknown>)) {
      let args: PyValue;
      try {
        args = typeof rawArguments === "string" ? parsePyJson(rawArguments) : fromJsonValue(rawArguments);
      } catch {
        return undefined;
      }
      if (!(args instanceof PyDict)) return undefined;
      decoded.push(`${name}(${args.items().map(([key, value]) => `${key as string}=${pyRepr(value)}`).join(",")})`);
    }
  }
  return decoded;
}
