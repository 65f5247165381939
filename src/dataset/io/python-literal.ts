// Reads Python literal syntax (repr of dicts, lists, tuples, strings, numbers, True/False/None) into JSON values.
// Hermes calls, API-Bank tool results and Glaive arguments are written this way; JSON.parse rejects them. The tokens
// and the grammar are the suites' one Python module (suites/python: CPython's tokenizer rules and SyntaxError wording);
// this file only decides what counts as a literal and how it maps to JSON. Lenient where datasets are: JSON's
// true/false/null are read too, a set or tuple becomes a list, and a non-string dict key becomes its JSON text.
import type { PyNode, Token } from "../../suites/python/index.js";
import { parsePythonTokens, PySyntaxError, PyUnsupportedSyntaxError, tokenize } from "../../suites/python/index.js";
import type { JsonValue } from "../record.js";

export class PythonLiteralError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = "PythonLiteralError";
  }
}

/** Parses one Python literal; the whole text must be consumed (trailing whitespace allowed). */
export function parsePythonLiteral(text: string): JsonValue {
  let node: PyNode;
  try {
    const tokens = tokenize(text);
    refuseNonLiteralTokens(tokens);
    node = parsePythonTokens(tokens);
  } catch (error) {
    if (error instanceof PySyntaxError) throw new PythonLiteralError(error.reason, error.position);
    if (error instanceof PyUnsupportedSyntaxError) throw new PythonLiteralError(error.message, error.position ?? 0);
    throw error;
  }
  return toJson(node);
}

/** JSON first (the common case), then Python literal syntax; undefined when neither parses. */
export function parseJsonOrPython(text: string): { value: JsonValue; python: boolean } | undefined {
  try {
    return { value: JSON.parse(text) as JsonValue, python: false };
  } catch {
    try {
      return { value: parsePythonLiteral(text), python: true };
    } catch {
      return undefined;
    }
  }
}

const literalWords: ReadonlyMap<string, JsonValue> = new Map<string, JsonValue>([
  ["True", true],
  ["False", false],
  ["None", null],
  ["true", true],
  ["false", false],
  ["null", null],
]);
const brackets = new Set(["{", "}", "[", "]", "(", ")", ",", ":"]);

/**
 * Every token a literal may hold; the first other one is named with its offset (the parsed tree carries no offsets).
 * A sign is a literal only before a value; after one it is arithmetic, as an opening bracket after one is a call or a
 * subscript.
 */
function refuseNonLiteralTokens(tokens: readonly Token[]): void {
  let afterValue = false;
  for (const token of tokens) {
    let refusal: string | undefined;
    switch (token.kind) {
      case "string":
        if (token.fstring) refusal = "an f-string is not a literal";
        else if (token.bytes) refusal = "bytes have no JSON form";
        break;
      case "number":
        if (typeof token.value !== "bigint" && typeof token.value !== "number") refusal = "a complex number has no JSON form";
        break;
      case "name":
        if (!literalWords.has(token.value)) refusal = `unexpected name '${token.value}'`;
        break;
      case "op":
        if (token.value === "-" || token.value === "+") {
          if (afterValue) refusal = `'${token.value}' between values is arithmetic, not a literal`;
        } else if (!brackets.has(token.value)) refusal = `unexpected '${token.value}'`;
        else if (afterValue && (token.value === "(" || token.value === "[")) refusal = `a call or subscript is not a literal`;
        break;
      case "newline":
      case "end":
        break;
    }
    if (refusal !== undefined) throw new PythonLiteralError(refusal, token.start);
    afterValue = token.kind === "string" || token.kind === "number" || token.kind === "name" || (token.kind === "op" && [")", "]", "}"].includes(token.value));
  }
}

function toJson(node: PyNode): JsonValue {
  switch (node.type) {
    case "Constant": {
      const value = node.value;
      if (typeof value === "bigint") return Number(value);
      if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
      break;
    }
    case "Name":
      return literalWords.get(node.id) ?? null;
    case "UnaryOp": {
      const operand = toJson(node.operand);
      if (typeof operand === "number" && (node.op === "-" || node.op === "+")) return node.op === "-" ? -operand : operand;
      break;
    }
    case "List":
    case "Tuple":
    case "Set":
      return node.elts.map(toJson);
    case "Dict": {
      const result: { [key: string]: JsonValue } = {};
      node.keys.forEach((keyNode, index) => {
        const key = toJson(keyNode as PyNode);
        // defineProperty keeps a "__proto__" key as data instead of rewiring the prototype.
        Object.defineProperty(result, typeof key === "string" ? key : JSON.stringify(key), {
          value: toJson(node.values[index] as PyNode),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      });
      return result;
    }
  }
  // The token check admits nothing else; a new parser construct should fail loudly rather than turn into data.
  throw new PythonLiteralError(`${node.type} is not a literal`, 0);
}
