// Turns one function-calling step ([{name: "<JSON args>"}, …]) into call strings, as the reference's convert_to_function_call does.
import { fromJsonValue } from "../../../../python/runtime/from-json-value.js";
import { parsePyJson } from "../../../../python/py-json.js";
import { pyRepr } from "../../../../python/py-repr.js";
import { PyDict, type PyValue } from "../../../../python/py-value.js";

/**
 * One call's text by `name\u0000<JSON args>`, null when the arguments do not decode to a dict. A model repeats its calls
 * across the four multi-turn categories (the shared results: 5,752 calls, 1,136 distinct), and decoding is pure.
 */
const callTextByArguments = new Map<string, string | null>();
/** A bound on what one long-lived process keeps. */
const maxCachedCalls = 50_000;

function callText(name: string, rawArguments: string): string | null {
  const key = `${name}\u0000${rawArguments}`;
  let text = callTextByArguments.get(key);
  if (text === undefined) {
    let args: PyValue | undefined;
    try {
      args = parsePyJson(rawArguments);
    } catch {
      // Not JSON: the step does not decode.
    }
    text = args instanceof PyDict ? `${name}(${args.items().map(([argument, value]) => `${argument as string}=${pyRepr(value)}`).join(",")})` : null;
    if (callTextByArguments.size >= maxCachedCalls) callTextByArguments.clear();
    callTextByArguments.set(key, text);
  }
  return text;
}

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
      if (typeof rawArguments === "string") {
        const text = callText(name, rawArguments);
        if (text === null) return undefined;
        decoded.push(text);
        continue;
      }
      let args: PyValue;
      try {
        args = fromJsonValue(rawArguments);
      } catch {
        return undefined;
      }
      if (!(args instanceof PyDict)) return undefined;
      decoded.push(`${name}(${args.items().map(([key, value]) => `${key as string}=${pyRepr(value)}`).join(",")})`);
    }
  }
  return decoded;
}
