// Gate stage 1, decode: the model's argument text → a JSON value, keeping integer vs float and recording any repair.
import { isLosslessNumber, parse as parseLossless } from "lossless-json";
import { jsonrepair } from "jsonrepair";
import { defineOwn, type JsonValue, type Repair, type ToolError } from "../record/index.js";

export interface DecodeOptions {
  /** Try to repair malformed JSON (trailing commas, single quotes, Python literals, code fences). Default true. */
  repair?: boolean;
  /** Largest argument text accepted, in bytes. Default 1 MiB. */
  maxBytes?: number;
  /** Deepest nesting accepted. Default 64. */
  maxDepth?: number;
}

export type DecodeResult =
  | { ok: true; value: { [key: string]: JsonValue }; repairs: Repair[]; floatPaths: string[] }
  | { ok: false; error: ToolError; repairs: Repair[] };

export function decodeArguments(raw: string, options: DecodeOptions = {}): DecodeResult {
  const { repair = true, maxBytes = 1024 * 1024, maxDepth = 64 } = options;
  const repairs: Repair[] = [];
  const fail = (message: string, expected?: string): DecodeResult => ({
    ok: false,
    repairs,
    error: { code: "invalid_json", message, ...(expected ? { expected } : {}) },
  });

  if (typeof raw !== "string") return fail(`arguments must be JSON text, got ${typeof raw}`);
  const bytes = Buffer.byteLength(raw, "utf8");
  if (bytes > maxBytes) return fail(`arguments are ${bytes} bytes; the limit is ${maxBytes}`, `at most ${maxBytes} bytes of JSON`);

  let text = raw;
  if (text.trim() === "") {
    // Several providers send "" for a call without arguments.
    text = "{}";
    repairs.push({ original: raw, repaired: text, description: "empty argument text read as {}" });
  }

  let parsed = tryParse(text);
  if (!parsed.ok && repair) {
    const repaired = tryRepair(text);
    if (repaired !== undefined) {
      const again = tryParse(repaired);
      if (again.ok) {
        repairs.push({ original: text, repaired, description: "malformed JSON repaired" });
        parsed = again;
      }
    }
  }
  if (!parsed.ok) return fail(`arguments are not valid JSON: ${parsed.message}`, "a JSON object");

  let value = parsed.value;
  // A JSON object encoded twice (a string holding JSON) is a frequent small-model mistake.
  if (typeof value === "string" && repair && /^\s*\{/.test(value)) {
    const inner = tryParse(value);
    if (inner.ok && isPlainObjectLike(inner.value)) {
      repairs.push({ original: text, repaired: value, description: "arguments were a JSON string holding an object; decoded once more" });
      value = inner.value;
    }
  }
  if (!isPlainObjectLike(value)) {
    return {
      ok: false,
      repairs,
      error: { code: "invalid_arguments", message: "arguments must be a JSON object of named parameters", path: "", expected: "object", received: describeType(value) },
    };
  }

  const floatPaths: string[] = [];
  const converted = toJsonValue(value, "", 0, maxDepth, floatPaths);
  if (!converted.ok) return { ok: false, repairs, error: converted.error };
  return { ok: true, value: converted.value as { [key: string]: JsonValue }, repairs, floatPaths };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: parseLossless(text) };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: "nesting is too deep to parse" };
    return { ok: false, message: (error as Error).message };
  }
}

function tryRepair(text: string): string | undefined {
  try {
    return jsonrepair(text);
  } catch {
    return undefined;
  }
}

type Converted = { ok: true; value: JsonValue } | { ok: false; error: ToolError };

/** Lossless numbers → JS numbers, remembering which were written as floats; objects rebuilt with own keys only. */
function toJsonValue(value: unknown, path: string, depth: number, maxDepth: number, floatPaths: string[]): Converted {
  if (depth > maxDepth) {
    return { ok: false, error: { code: "invalid_arguments", message: `arguments nest deeper than ${maxDepth} levels`, path, expected: `at most ${maxDepth} levels of nesting` } };
  }
  if (isLosslessNumber(value)) {
    const text = value.value;
    const number = Number(text);
    const isFloatText = /[.eE]/.test(text);
    if (!Number.isFinite(number) || (!isFloatText && !Number.isSafeInteger(number))) {
      return { ok: false, error: { code: "invalid_arguments", message: `number ${abbreviate(text)} cannot be represented exactly`, path, expected: "a number within ±2^53", received: abbreviate(text) } };
    }
    if (isFloatText) floatPaths.push(path);
    return { ok: true, value: number };
  }
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (let index = 0; index < value.length; index++) {
      const item = toJsonValue(value[index], `${path}/${index}`, depth + 1, maxDepth, floatPaths);
      if (!item.ok) return item;
      items.push(item.value);
    }
    return { ok: true, value: items };
  }
  if (typeof value === "object" && value !== null) {
    const object: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const member = toJsonValue((value as Record<string, unknown>)[key], `${path}/${escapePointer(key)}`, depth + 1, maxDepth, floatPaths);
      if (!member.ok) return member;
      defineOwn(object, key, member.value);
    }
    return { ok: true, value: object as JsonValue };
  }
  return { ok: true, value: value as JsonValue };
}

function isPlainObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (isLosslessNumber(value)) return "number";
  return typeof value;
}

export function abbreviate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
