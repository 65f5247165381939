// Evaluates the small subset of Python that AgentDojo's ground-truth argument expressions (`args_src`) use.
// Supported: dict/list/tuple literals, strings (with escapes, adjacent-literal concatenation), numbers, True/False/None,
// `+` and `*`, `or`, parentheses, `self.NAME` constants, `self.method(pre_environment)` helpers, attribute/index
// lookups on `pre_environment`, f-strings, `'...'.format(...)`, `'sep'.join(list)`, argument-less methods that a port
// supplies as helpers, bare names (locals of `ground_truth`, see below), list comprehensions with `if` filters, one
// comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `not in`), `and` and `not`.
// Anything else is refused with the expression named, so a suite port can hand-translate it. Tokens come from the shared
// Python tokenizer (python/tokenizer.ts); this file only evaluates.

import { pyRepr } from "../python/py-repr.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "../python/python-ast.js";
import type { Token as PythonToken } from "../python/tokenizer.js";
import { tokenize as tokenizePython } from "../python/tokenizer.js";

/** What an expression may refer to: the task class's constants and helpers, and the environment before the run. */
export interface PythonArgsScope {
  constants: Readonly<Record<string, unknown>>;
  helpers?: Readonly<Record<string, (environment: unknown) => unknown>>;
  environment: unknown;
}

export class PythonArgsError extends Error {
  constructor(message: string, readonly source: string) {
    super(`${message} in \`${source}\`; add the name to the suite's constants/helpers or hand-translate this task's arguments`);
    this.name = "PythonArgsError";
  }
}

type Token =
  | { kind: "str"; value: string }
  | { kind: "fstr"; value: string }
  | { kind: "num"; value: number }
  | { kind: "name"; value: string }
  | { kind: "punct"; value: string };

export function evaluatePythonArgs(source: string, scope: PythonArgsScope): Record<string, unknown> {
  const value = evaluatePythonExpression(source, scope);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new PythonArgsError("arguments are not a dict", source);
  return value as Record<string, unknown>;
}

export function evaluatePythonExpression(source: string, scope: PythonArgsScope): unknown {
  return evaluateTokens(tokenize(source), source, scope);
}

// Token slices are evaluated on their own so a comprehension can re-run its element and filters once per item.
function evaluateTokens(tokens: readonly Token[], source: string, scope: PythonArgsScope): unknown {
  let position = 0;
  const fail = (message: string): never => {
    throw new PythonArgsError(message, source);
  };
  const peek = (): Token | undefined => tokens[position];
  const isPunct = (value: string) => peek()?.kind === "punct" && peek()!.value === value;
  const expect = (value: string) => {
    if (!isPunct(value)) fail(`expected '${value}' at token ${position}`);
    position++;
  };

  const isName = (value: string, at = position) => tokens[at]?.kind === "name" && tokens[at]!.value === value;
  const parseOr = (): unknown => {
    let left = parseAnd();
    while (isName("or")) {
      position++;
      const right = parseAnd();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const parseAnd = (): unknown => {
    let left = parseNot();
    while (isName("and")) {
      position++;
      const right = parseNot();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const parseNot = (): unknown => {
    if (!isName("not")) return parseComparison();
    position++;
    return !truthy(parseNot());
  };
  // One comparison only: Python chains `a < b < c`, which no ground truth uses; a second operator is trailing input.
  const parseComparison = (): unknown => {
    const left = parseSum();
    const token = peek();
    let op: string;
    if (isName("in")) op = "in";
    else if (isName("not") && isName("in", position + 1)) op = "not in";
    else if (token?.kind === "punct" && comparisonOperators.includes(token.value)) op = token.value;
    else return left;
    position += op === "not in" ? 2 : 1;
    const right = parseSum();
    return compare(op, left, right) ?? fail(`cannot compare ${typeof left} ${op} ${typeof right}`);
  };
  // `[element for name in iterable if condition ...]`: the element and filters are token ranges evaluated per item.
  const comprehensionEnd = (): number | undefined => {
    let depth = 0;
    for (let at = position; at < tokens.length; at++) {
      const token = tokens[at]!;
      if (token.kind === "punct" && "([{".includes(token.value)) depth++;
      else if (token.kind === "punct" && ")]}".includes(token.value)) {
        if (depth === 0) return undefined;
        depth--;
      } else if (depth === 0 && token.kind === "name" && token.value === "for") return at;
    }
    return undefined;
  };
  const skipToDepthZero = (stops: readonly string[]): number => {
    let depth = 0;
    while (position < tokens.length) {
      const token = tokens[position]!;
      if (depth === 0 && ((token.kind === "punct" && token.value === "]") || (token.kind === "name" && stops.includes(token.value)))) break;
      if (token.kind === "punct" && "([{".includes(token.value)) depth++;
      else if (token.kind === "punct" && ")]}".includes(token.value)) depth--;
      position++;
    }
    return position;
  };
  const parseComprehension = (forAt: number): unknown[] => {
    const element = tokens.slice(position, forAt);
    position = forAt + 1;
    const variable = tokens[position++];
    if (variable?.kind !== "name") return fail("expected a loop variable after 'for'");
    if (!isName("in")) fail("expected 'in' in a comprehension");
    position++;
    const iterable = parseOr();
    const filters: Array<readonly Token[]> = [];
    while (isName("if")) {
      const start = ++position;
      filters.push(tokens.slice(start, skipToDepthZero(["if"])));
    }
    expect("]");
    if (!Array.isArray(iterable)) return fail("a comprehension needs a list to iterate");
    const results: unknown[] = [];
    for (const item of iterable) {
      const inner: PythonArgsScope = { ...scope, constants: { ...scope.constants, [(variable as { value: string }).value]: item } };
      if (filters.every((filter) => truthy(evaluateTokens(filter, source, inner)))) results.push(evaluateTokens(element, source, inner));
    }
    return results;
  };
  const parseSum = (): unknown => {
    let left = parseProduct();
    while (isPunct("+") || isPunct("-")) {
      const op = (tokens[position++] as { value: string }).value;
      const right = parseProduct();
      if (op === "+") {
        if (typeof left === "string" && typeof right === "string") left = left + right;
        else if (typeof left === "number" && typeof right === "number") left = left + right;
        else if (Array.isArray(left) && Array.isArray(right)) left = [...left, ...right];
        else fail(`cannot add ${typeof left} and ${typeof right}`);
      } else {
        if (typeof left !== "number" || typeof right !== "number") fail("'-' needs numbers");
        left = (left as number) - (right as number);
      }
    }
    return left;
  };
  const parseProduct = (): unknown => {
    let left = parseUnary();
    while (isPunct("*") || isPunct("/")) {
      const op = (tokens[position++] as { value: string }).value;
      const right = parseUnary();
      if (typeof left !== "number" || typeof right !== "number") fail(`'${op}' needs numbers`);
      left = op === "*" ? (left as number) * (right as number) : (left as number) / (right as number);
    }
    return left;
  };
  const parseUnary = (): unknown => {
    if (isPunct("-")) {
      position++;
      const value = parseUnary();
      if (typeof value !== "number") fail("unary '-' needs a number");
      return -(value as number);
    }
    return parsePostfix(parseAtom());
  };
  const parsePostfix = (start: unknown): unknown => {
    let value = start;
    for (;;) {
      if (isPunct(".")) {
        position++;
        const name = tokens[position++];
        if (name?.kind !== "name") fail("expected an attribute name");
        const attribute = (name as { value: string }).value;
        if (isPunct("(")) value = callMethod(value, attribute);
        else value = lookup(value, attribute);
      } else if (isPunct("[")) {
        position++;
        const index = parseOr();
        expect("]");
        value = Array.isArray(value) && typeof index === "number" ? value[index < 0 ? value.length + index : index] : lookup(value, String(index));
      } else return value;
    }
  };
  const lookup = (target: unknown, key: string): unknown => {
    if (target === null || typeof target !== "object" || !(key in target)) fail(`no attribute '${key}'`);
    return (target as Record<string, unknown>)[key];
  };
  // `sep.join(items)` builds the ground truths' list-shaped contents.
  const joinWith = (separator: string): string => {
    expect("(");
    const items = parseOr();
    expect(")");
    if (!Array.isArray(items) || !items.every((item) => typeof item === "string")) return fail("str.join needs a list of strings");
    return items.join(separator);
  };
  // Any other argument-less method is the port's helper of that name applied to the receiver (`.isoformat()` on a
  // date, `._get_next_id()` on a store): only the port knows how it represents those values.
  const callHelperMethod = (target: unknown, method: string): unknown => {
    const helper = scope.helpers?.[method];
    const closes = tokens[position + 1]?.kind === "punct" && (tokens[position + 1] as { value: string }).value === ")";
    if (!helper || !closes) return fail(`unsupported method call .${method}()`);
    position += 2;
    return helper(target);
  };
  // `str.format` fields are `{}`, `{0}` or `{name}`.
  const callMethod = (target: unknown, method: string): unknown => {
    if (typeof target === "string" && method === "join") return joinWith(target);
    if (typeof target !== "string" || method !== "format") return callHelperMethod(target, method);
    expect("(");
    const positional: unknown[] = [];
    const named: Record<string, unknown> = {};
    while (!isPunct(")")) {
      const next = tokens[position + 1];
      if (peek()?.kind === "name" && next?.kind === "punct" && next.value === "=") {
        const key = (tokens[position] as { value: string }).value;
        position += 2;
        named[key] = parseOr();
      } else positional.push(parseOr());
      if (isPunct(",")) position++;
      else break;
    }
    expect(")");
    let auto = 0;
    return replaceFields(target, (field) => {
      if (field === "") return positional[auto++];
      if (/^\d+$/.test(field)) return positional[Number(field)];
      if (field in named) return named[field];
      return fail(`format field {${field}} has no argument`);
    });
  };
  const interpolate = (template: string): string => replaceFields(template, (field) => evaluatePythonExpression(field, scope));
  const parseAtom = (): unknown => {
    const token = tokens[position++];
    if (!token) return fail("unexpected end");
    if (token.kind === "str" || token.kind === "fstr") {
      const render = (literal: Token) => (literal.kind === "fstr" ? interpolate(literal.value) : (literal as { value: string }).value);
      let text = render(token);
      // Python joins adjacent string literals.
      while (peek()?.kind === "str" || peek()?.kind === "fstr") text += render(tokens[position++]!);
      return text;
    }
    if (token.kind === "num") return token.value;
    if (token.kind === "name") {
      if (token.value === "True") return true;
      if (token.value === "False") return false;
      if (token.value === "None") return null;
      if (token.value === "pre_environment") return scope.environment;
      if (token.value === "self") {
        expect(".");
        const member = tokens[position++];
        if (member?.kind !== "name") return fail("expected a name after 'self.'");
        const name = (member as { value: string }).value;
        if (isPunct("(")) {
          position++;
          const argument = parseOr();
          expect(")");
          const helper = scope.helpers?.[name];
          if (!helper) return fail(`unknown helper self.${name}()`);
          return helper(argument);
        }
        if (!(name in scope.constants)) return fail(`unknown constant self.${name}`);
        return scope.constants[name];
      }
      // A bare name is a local `ground_truth` computed before building the calls: a port supplies it as a constant, or
      // as a helper of that name that derives it from the environment. A function-valued constant is such a helper
      // scoped to one task (per-task constants), so two tasks may derive the same name differently.
      if (Object.hasOwn(scope.constants, token.value)) {
        const value = scope.constants[token.value];
        return typeof value === "function" ? (value as (environment: unknown) => unknown)(scope.environment) : value;
      }
      const local = scope.helpers?.[token.value];
      if (local) return local(scope.environment);
      return fail(`unknown name '${token.value}'`);
    }
    if (token.value === "(") {
      if (isPunct(")")) {
        position++;
        return [];
      }
      const first = parseOr();
      if (isPunct(",")) {
        const items = [first];
        while (isPunct(",")) {
          position++;
          if (isPunct(")")) break;
          items.push(parseOr());
        }
        expect(")");
        return items;
      }
      expect(")");
      return first;
    }
    if (token.value === "[") {
      const forAt = comprehensionEnd();
      if (forAt !== undefined) return parseComprehension(forAt);
      const items: unknown[] = [];
      while (!isPunct("]")) {
        items.push(parseOr());
        if (isPunct(",")) position++;
        else break;
      }
      expect("]");
      return items;
    }
    if (token.value === "{") {
      const dict: Record<string, unknown> = {};
      while (!isPunct("}")) {
        const key = parseOr();
        expect(":");
        dict[String(key)] = parseOr();
        if (isPunct(",")) position++;
        else break;
      }
      expect("}");
      return dict;
    }
    return fail(`unexpected '${token.value}'`);
  };

  const result = parseOr();
  if (position !== tokens.length) fail(`unexpected trailing input at token ${position}`);
  return result;
}

/** Fills `{field}`s (Python's str.format and f-string syntax; `{{` and `}}` are literal braces) without format specs. */
function replaceFields(template: string, valueOf: (field: string) => unknown): string {
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, field: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    return pythonStr(valueOf(field!.trim()));
  });
}

function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

const comparisonOperators = ["==", "!=", "<", "<=", ">", ">="];

/** Python's comparison on the JSON-shaped values the evaluator handles; `undefined` when Python would raise. */
function compare(op: string, left: unknown, right: unknown): boolean | undefined {
  const equal = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
  if (op === "==") return equal(left, right);
  if (op === "!=") return !equal(left, right);
  if (op === "in" || op === "not in") {
    let found: boolean;
    if (typeof right === "string" && typeof left === "string") found = right.includes(left);
    else if (Array.isArray(right)) found = right.some((item) => equal(item, left));
    else if (right !== null && typeof right === "object" && typeof left === "string") found = Object.hasOwn(right, left);
    else return undefined;
    return op === "in" ? found : !found;
  }
  if (!((typeof left === "number" && typeof right === "number") || (typeof left === "string" && typeof right === "string"))) return undefined;
  if (op === "<") return left < right;
  if (op === "<=") return left <= right;
  if (op === ">") return left > right;
  return left >= right;
}

function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Python's own tokens (the BFCL checker's tokenizer), in the shapes this evaluator reads. */
function tokenize(source: string): Token[] {
  let pythonTokens: PythonToken[];
  try {
    pythonTokens = tokenizePython(source);
  } catch (error) {
    if (error instanceof PySyntaxError || error instanceof PyUnsupportedSyntaxError) throw new PythonArgsError(error.message, source);
    throw error;
  }
  const tokens: Token[] = [];
  for (const token of pythonTokens) {
    switch (token.kind) {
      case "name":
        tokens.push({ kind: "name", value: token.value });
        break;
      case "number":
        if (typeof token.value !== "bigint" && typeof token.value !== "number") throw new PythonArgsError(`unsupported number ${pyRepr(token.value)}`, source);
        tokens.push({ kind: "num", value: Number(token.value) });
        break;
      case "string":
        if (token.bytes) throw new PythonArgsError("bytes literals are not supported", source);
        tokens.push(token.fstring ? { kind: "fstr", value: fStringText(token.source, source) } : { kind: "str", value: token.value });
        break;
      case "op":
        tokens.push({ kind: "punct", value: token.value });
        break;
      case "newline":
      case "end":
        break;
    }
  }
  return tokens;
}

/** An f-string's text with its escapes decoded as Python decodes them; the `{fields}` are filled in later. */
function fStringText(literal: string, source: string): string {
  const prefix = /^[a-zA-Z]*/.exec(literal)?.[0] ?? "";
  const [plain] = tokenizePython(prefix.replace(/[fF]/, "") + literal.slice(prefix.length));
  if (plain?.kind !== "string") throw new PythonArgsError(`unreadable f-string ${literal}`, source);
  return plain.value;
}
