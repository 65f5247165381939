// Parses a Python call expression such as `cd(folder='document')` into a small AST (literals, names, calls).
import { PyException } from "./exceptions.js";
import type { PyValue } from "../py-value.js";

export type Expression =
  | { kind: "constant"; value: PyValue }
  | { kind: "name"; id: string }
  | { kind: "attribute"; target: Expression; attribute: string }
  | { kind: "call"; callee: Expression; args: Expression[]; keywords: { name: string; value: Expression }[] }
  | { kind: "list"; items: Expression[] }
  | { kind: "tuple"; items: Expression[] }
  | { kind: "set"; items: Expression[] }
  | { kind: "dict"; entries: { key: Expression; value: Expression }[] }
  | { kind: "negate"; operand: Expression }
  | { kind: "plus"; operand: Expression };

type Token =
  | { type: "name"; text: string; start: number }
  | { type: "number"; value: bigint | number; start: number }
  | { type: "string"; value: string; start: number }
  | { type: "op"; text: string; start: number }
  | { type: "end"; start: number };

const PYTHON_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
  "pass", "raise", "return", "try", "while", "with", "yield",
]);

const IDENTIFIER_SOURCE = "[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*";
const NUMBER_SOURCE = "(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\\d(?:_?\\d)*)?\\.?\\d(?:_?\\d)*(?:[eE][+-]?\\d(?:_?\\d)*)?\\.?)";
const STRING_PREFIX_SOURCE = "(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?='|\")";

/** A SyntaxError as `eval` reports it: `<message> (<string>, line 1)`. */
export function syntaxError(message = "invalid syntax"): PyException {
  return new PyException("SyntaxError", `${message} (<string>, line 1)`);
}

function decodeEscapes(body: string): string {
  let out = "";
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index] as string;
    if (char !== "\\") {
      out += char;
      continue;
    }
    const next = body[index + 1];
    if (next === undefined) {
      out += "\\";
      continue;
    }
    index += 1;
    const simple: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "" };
    if (next in simple) {
      out += simple[next];
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(index)) as RegExpExecArray;
      out += String.fromCodePoint(parseInt(octal[0], 8));
      index += octal[0].length - 1;
    } else if (next === "x" || next === "u" || next === "U") {
      const width = next === "x" ? 2 : next === "u" ? 4 : 8;
      const digits = body.slice(index + 1, index + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) throw syntaxError("(unicode error) truncated escape");
      out += String.fromCodePoint(parseInt(digits, 16));
      index += width;
    } else {
      // Python keeps unknown escapes as written (with a warning).
      out += `\\${next}`;
    }
  }
  return out;
}

// Sticky patterns carry a position; tokenize never calls itself, so one set serves every call (each use sets lastIndex).
const IDENTIFIER = new RegExp(IDENTIFIER_SOURCE, "uy");
const NUMBER = new RegExp(NUMBER_SOURCE, "y");
const STRING_PREFIX = new RegExp(STRING_PREFIX_SOURCE, "y");

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (" \t\f\n\r".includes(char)) {
      index += 1;
      continue;
    }
    STRING_PREFIX.lastIndex = index;
    const prefixMatch = STRING_PREFIX.exec(source);
    if (prefixMatch) {
      const prefix = prefixMatch[0].toLowerCase();
      if (prefix.includes("b") || prefix.includes("f")) throw syntaxError("unsupported string prefix");
      const start = index;
      index += prefixMatch[0].length;
      const quote = source.startsWith(source[index]!.repeat(3), index) ? source[index]!.repeat(3) : (source[index] as string);
      index += quote.length;
      let body = "";
      for (;;) {
        if (index >= source.length) throw syntaxError("unterminated string literal (detected at line 1)");
        if (source.startsWith(quote, index)) {
          index += quote.length;
          break;
        }
        const current = source[index] as string;
        if (current === "\n" && quote.length === 1) throw syntaxError("unterminated string literal (detected at line 1)");
        if (current === "\\" && index + 1 < source.length) {
          body += current + source[index + 1];
          index += 2;
          continue;
        }
        body += current;
        index += 1;
      }
      const value = prefix.includes("r") ? body : decodeEscapes(body);
      const previous = tokens[tokens.length - 1];
      // Adjacent string literals concatenate.
      if (previous?.type === "string") previous.value += value;
      else tokens.push({ type: "string", value, start });
      continue;
    }
    IDENTIFIER.lastIndex = index;
    const identifier = IDENTIFIER.exec(source);
    if (identifier) {
      tokens.push({ type: "name", text: identifier[0], start: index });
      index += identifier[0].length;
      continue;
    }
    if (/[0-9.]/.test(char) && !(char === "." && !/[0-9]/.test(source[index + 1] ?? ""))) {
      NUMBER.lastIndex = index;
      const number = NUMBER.exec(source);
      if (number && number[0] !== "") {
        const text = number[0].replaceAll("_", "");
        if (/[jJ]/.test(source[index + number[0].length] ?? "")) throw syntaxError("complex literals are not supported");
        if (/^0[xXoObB]/.test(text)) tokens.push({ type: "number", value: BigInt(text), start: index });
        else if (/[.eE]/.test(text)) tokens.push({ type: "number", value: Number(text), start: index });
        else {
          if (/^0\d/.test(text) && /[1-9]/.test(text)) {
            throw syntaxError("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
          }
          tokens.push({ type: "number", value: BigInt(text), start: index });
        }
        index += number[0].length;
        if (/[\p{L}_]/u.test(source[index] ?? "")) throw syntaxError("invalid decimal literal");
        continue;
      }
    }
    const operator = ["**", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "-", "+", "*"].find((op) => source.startsWith(op, index));
    if (!operator) throw syntaxError();
    tokens.push({ type: "op", text: operator, start: index });
    index += operator.length;
  }
  tokens.push({ type: "end", start: source.length });
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position] as Token;
  }

  private next(): Token {
    const token = this.peek();
    this.position += 1;
    return token;
  }

  private isOp(text: string): boolean {
    const token = this.peek();
    return token.type === "op" && token.text === text;
  }

  private expectOp(text: string): void {
    if (!this.isOp(text)) throw syntaxError();
    this.position += 1;
  }

  parseTopLevel(): Expression {
    const expression = this.expression();
    if (this.peek().type !== "end") throw syntaxError();
    return expression;
  }

  expression(): Expression {
    if (this.isOp("-")) {
      this.position += 1;
      return { kind: "negate", operand: this.expression() };
    }
    if (this.isOp("+")) {
      this.position += 1;
      return { kind: "plus", operand: this.expression() };
    }
    return this.postfix();
  }

  private postfix(): Expression {
    let expression = this.atom();
    for (;;) {
      if (this.isOp("(")) {
        this.position += 1;
        expression = this.callArguments(expression);
      } else if (this.isOp(".")) {
        this.position += 1;
        const name = this.next();
        if (name.type !== "name") throw syntaxError();
        expression = { kind: "attribute", target: expression, attribute: name.text };
      } else {
        return expression;
      }
    }
  }

  private callArguments(callee: Expression): Expression {
    const args: Expression[] = [];
    const keywords: { name: string; value: Expression }[] = [];
    while (!this.isOp(")")) {
      const token = this.peek();
      const following = this.tokens[this.position + 1];
      if (token.type === "name" && following?.type === "op" && following.text === "=") {
        if (PYTHON_KEYWORDS.has(token.text)) {
          throw syntaxError(["True", "False", "None"].includes(token.text) ? `cannot assign to ${token.text}` : "invalid syntax");
        }
        this.position += 2;
        if (keywords.some((keyword) => keyword.name === token.text)) throw syntaxError(`keyword argument repeated: ${token.text}`);
        keywords.push({ name: token.text, value: this.expression() });
      } else {
        if (token.type === "name" && PYTHON_KEYWORDS.has(token.text) && !["True", "False", "None"].includes(token.text)) {
          throw syntaxError();
        }
        if (this.isOp("*") || this.isOp("**")) throw syntaxError("argument unpacking is not supported");
        const value = this.expression();
        if (keywords.length > 0) throw syntaxError("positional argument follows keyword argument");
        args.push(value);
      }
      if (this.isOp(",")) this.position += 1;
      else if (!this.isOp(")")) throw syntaxError(this.isOp("=") ? 'expression cannot contain assignment, perhaps you meant "=="?' : "invalid syntax. Perhaps you forgot a comma?");
    }
    this.position += 1;
    return { kind: "call", callee, args, keywords };
  }

  private sequence(close: string): { items: Expression[]; trailingComma: boolean } {
    const items: Expression[] = [];
    let trailingComma = false;
    while (!this.isOp(close)) {
      items.push(this.expression());
      trailingComma = false;
      if (this.isOp(",")) {
        this.position += 1;
        trailingComma = true;
      } else if (!this.isOp(close)) throw syntaxError("invalid syntax. Perhaps you forgot a comma?");
    }
    this.position += 1;
    return { items, trailingComma };
  }

  private atom(): Expression {
    const token = this.next();
    switch (token.type) {
      case "number":
        return { kind: "constant", value: token.value };
      case "string":
        return { kind: "constant", value: token.value };
      case "name":
        if (token.text === "True") return { kind: "constant", value: true };
        if (token.text === "False") return { kind: "constant", value: false };
        if (token.text === "None") return { kind: "constant", value: null };
        if (PYTHON_KEYWORDS.has(token.text)) throw syntaxError();
        return { kind: "name", id: token.text };
      case "op":
        break;
      default:
        throw syntaxError();
    }
    if (token.text === "(") {
      const { items, trailingComma } = this.sequence(")");
      if (items.length === 1 && !trailingComma) return items[0] as Expression;
      return { kind: "tuple", items };
    }
    if (token.text === "[") return { kind: "list", items: this.sequence("]").items };
    if (token.text === "{") {
      if (this.isOp("}")) {
        this.position += 1;
        return { kind: "dict", entries: [] };
      }
      const first = this.expression();
      if (this.isOp(":")) {
        this.position += 1;
        const entries = [{ key: first, value: this.expression() }];
        while (this.isOp(",")) {
          this.position += 1;
          if (this.isOp("}")) break;
          const key = this.expression();
          this.expectOp(":");
          entries.push({ key, value: this.expression() });
        }
        this.expectOp("}");
        return { kind: "dict", entries };
      }
      const items = [first];
      while (this.isOp(",")) {
        this.position += 1;
        if (this.isOp("}")) break;
        items.push(this.expression());
      }
      this.expectOp("}");
      return { kind: "set", items };
    }
    throw syntaxError();
  }
}

/** Parses a Python expression (a call with literal arguments, as the checker evaluates). */
export function parseExpression(source: string): Expression {
  return new Parser(tokenize(source)).parseTopLevel();
}
