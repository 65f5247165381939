// The reference's _process_method_calls: every `name(` whose name is a public method gets its instance prefixed.
import { PY_WHITESPACE_CLASS } from "../../../../python/runtime/str-methods.js";

/**
 * Python's `\b([a-zA-Z_]\w*)\s*(?=\()` with Unicode \w and \s. It rewrites the whole call text,
 * string literals included: a method name gets its instance prefixed, and for every match the
 * whitespace before the parenthesis is dropped, so the text "account (x)" reads "account(x)".
 */
const CALL_NAME = new RegExp(`(?<![\\p{L}\\p{N}_])([a-zA-Z_][\\p{L}\\p{N}_]*)[${PY_WHITESPACE_CLASS}]*(?=\\()`, "gu");

/** The same pattern for ASCII-only text, where Unicode \w and \s mean exactly these ASCII classes (and it runs faster). */
// eslint-disable-next-line no-control-regex
const ASCII_CALL_NAME = /(?<![A-Za-z0-9_])([a-zA-Z_][A-Za-z0-9_]*)[\t\n\v\f\r\x1c-\x1f ]*(?=\()/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

export function processMethodCalls(callText: string, instanceByMethod: ReadonlyMap<string, string>): string {
  return callText.replace(NON_ASCII.test(callText) ? CALL_NAME : ASCII_CALL_NAME, (_match: string, name: string) => {
    const instance = instanceByMethod.get(name);
    return instance === undefined ? name : `${instance}.${name}`;
  });
}
