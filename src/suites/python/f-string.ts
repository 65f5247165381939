// Python's replacement fields, once for f-strings and str.format: `{{` and `}}` are literal braces, a field runs to its
// matching `}` and may end in `!conversion` and `:spec`. An f-string's fields are expressions, parsed with the one parser.
import { parsePythonExpression } from "./parser.js";
import type { PyNode } from "./python-ast.js";
import { PySyntaxError } from "./python-ast.js";
import { PyException } from "./runtime/exceptions.js";
import { tokenize } from "./tokenizer.js";

interface ReplacementField {
  /** The text between the braces before any `!` or `:`: an expression (f-string) or a name or index (str.format). */
  field: string;
  conversion?: string;
  formatSpec?: string;
}

/** A template split into literal text and replacement fields, in order. */
export type TemplatePart = string | ReplacementField;

/** One part of an f-string: literal text, or an expression to evaluate and format. */
export type FStringPart = string | { expression: PyNode; source: string; conversion?: string; formatSpec?: string };

/**
 * The parts of a JoinedStr (adjacent literals, f-strings among them, as the parser joined them): plain literals as they
 * decode, each f-string's escapes decoded as Python decodes them, and its fields parsed.
 */
export function fStringParts(node: Extract<PyNode, { type: "JoinedStr" }>): FStringPart[] {
  const parts: FStringPart[] = [];
  for (const token of tokenize(node.source)) {
    if (token.kind !== "string") continue;
    if (!token.fstring) {
      parts.push(token.value);
      continue;
    }
    // The tokenizer keeps an f-string's backslashes; the same literal without the `f` decodes them.
    const prefix = /^[a-zA-Z]*/.exec(token.source)?.[0] ?? "";
    const plain = tokenize(prefix.replace(/[fF]/, "") + token.source.slice(prefix.length))[0] as Extract<ReturnType<typeof tokenize>[number], { kind: "string" }>;
    for (const part of replacementFields(plain.value, "f-string")) {
      if (typeof part === "string") parts.push(part);
      else {
        const expression = parsePythonExpression(part.field);
        parts.push({ expression, source: part.field, ...(part.conversion !== undefined ? { conversion: part.conversion } : {}), ...(part.formatSpec !== undefined ? { formatSpec: part.formatSpec } : {}) });
      }
    }
  }
  return parts;
}

const closers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * Splits `template` into text and fields. In an f-string a field is an expression: brackets nest and quoted text is
 * skipped while looking for its end; in str.format a field is a name, and only a format spec's own `{…}` nests.
 * Errors carry CPython's wording (a SyntaxError for an f-string, a ValueError for str.format).
 */
export function replacementFields(template: string, kind: "f-string" | "format"): TemplatePart[] {
  const fail = (fString: string, format: string, at: number): never => {
    throw kind === "f-string" ? new PySyntaxError(`f-string: ${fString}`, at) : new PyException("ValueError", format);
  };
  const parts: TemplatePart[] = [];
  let text = "";
  let pos = 0;
  while (pos < template.length) {
    const char = template[pos] as string;
    if (char === "}") {
      if (template[pos + 1] !== "}") fail("single '}' is not allowed", "Single '}' encountered in format string", pos);
      text += "}";
      pos += 2;
      continue;
    }
    if (char !== "{") {
      text += char;
      pos++;
      continue;
    }
    if (template[pos + 1] === "{") {
      text += "{";
      pos += 2;
      continue;
    }
    if (pos === template.length - 1) fail("expecting '}'", "Single '{' encountered in format string", pos);
    if (text) parts.push(text);
    text = "";
    const { field, end } = readField(template, pos + 1, kind, fail);
    parts.push(field);
    pos = end;
  }
  if (text) parts.push(text);
  return parts;
}

function readField(
  template: string,
  start: number,
  kind: "f-string" | "format",
  fail: (fString: string, format: string, at: number) => never,
): { field: ReplacementField; end: number } {
  const open: string[] = [];
  let pos = start;
  let quote: string | undefined;
  let conversionAt: number | undefined;
  let specAt: number | undefined;
  for (; pos < template.length; pos++) {
    const char = template[pos] as string;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (kind === "f-string" && (char === "'" || char === '"')) {
      quote = char;
      continue;
    }
    if (open.length === 0) {
      if (char === "}") break;
      if (char === "!" && template[pos + 1] !== "=" && conversionAt === undefined) {
        conversionAt = pos;
        continue;
      }
      if (char === ":") {
        specAt = pos;
        break;
      }
    }
    if (kind === "f-string" && char in closers) open.push(closers[char] as string);
    else if (kind === "f-string" && open.length > 0 && char === open.at(-1)) open.pop();
  }
  const fieldEnd = conversionAt ?? specAt ?? pos;
  const field: ReplacementField = { field: template.slice(start, fieldEnd) };
  if (conversionAt !== undefined) field.conversion = template.slice(conversionAt + 1, specAt ?? pos);
  if (specAt !== undefined) {
    // The spec runs to the `}` that closes the field; a nested `{width}` inside it is part of the spec.
    let depth = 0;
    for (pos = specAt + 1; pos < template.length; pos++) {
      const char = template[pos];
      if (char === "{") depth++;
      else if (char === "}") {
        if (depth === 0) break;
        depth--;
      }
    }
    field.formatSpec = template.slice(specAt + 1, pos);
  }
  if (pos >= template.length) fail("expecting '}'", "expected '}' before end of string", start - 1);
  if (kind === "f-string" && field.field.trim() === "") fail("empty expression not allowed", "", start - 1);
  return { field, end: pos + 1 };
}
