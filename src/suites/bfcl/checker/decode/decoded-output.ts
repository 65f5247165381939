// Picks the decoder for a result (FC or prompt mode) and BFCL's shape checks on what it decoded.
import type { PyValue } from "../../../python/py-value.js";
import { PyDict } from "../../../python/py-value.js";
import { decodeAstFc, decodeExecuteFc } from "./decode-fc.js";
import { decodeAstPrompting, decodeExecutePrompting } from "./decode-prompting.js";

/**
 * How the model answered. BFCL reads it from the model's config; "auto" reads it from the results instead: plain
 * strings are prompt-mode text, anything else FC output. Category scoring applies it per file for single-turn
 * categories (a file of only strings is prompt mode), per entry for multi-turn and per step for agentic ones.
 */
export type ResultMode = "auto" | "fc" | "prompting";

export function resolvedMode(result: PyValue, mode: ResultMode): "fc" | "prompting" {
  if (mode !== "auto") return mode;
  return typeof result === "string" ? "prompting" : "fc";
}

/** handler.decode_ast: throws where BFCL's decoder raises. */
export function decodeAst(result: PyValue, mode: ResultMode): PyDict[] {
  return resolvedMode(result, mode) === "fc" ? decodeAstFc(result) : decodeAstPrompting(result);
}

/** handler.decode_execute: throws where BFCL's decoder raises. */
export function decodeExecute(result: PyValue, mode: ResultMode): string[] {
  return resolvedMode(result, mode) === "fc" ? decodeExecuteFc(result) : decodeExecutePrompting(result);
}

/** `[{func: {param: value}}, …]` exactly: a list of one-key dicts whose values are dicts (an empty list passes). */
export function isFunctionCallingFormat(decoded: PyValue): decoded is PyDict[] {
  if (!Array.isArray(decoded)) return false;
  return decoded.every((item) => item instanceof PyDict && item.size === 1 && item.values()[0] instanceof PyDict);
}

/** No call: anything not in call format, `[]`, or `[{}]`. */
export function isEmptyOutput(decoded: PyValue): boolean {
  if (!isFunctionCallingFormat(decoded)) return true;
  return decoded.length === 0 || (decoded.length === 1 && (decoded[0] as PyDict).size === 0);
}

/** An execute decoding with nothing to run. */
export function isEmptyExecuteResponse(calls: readonly string[]): boolean {
  return calls.length === 0 || (calls.length === 1 && (calls[0] as string).length === 0);
}
