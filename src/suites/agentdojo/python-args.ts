// Evaluates AgentDojo's ground-truth argument expressions (`args_src`) and task texts with the one Python module
// (../python): its parser reads the expression (comprehensions and f-strings included), its operators do the
// arithmetic and ordering, and its replacement-field reader splits f-strings and str.format templates. What stays here
// is what only AgentDojo has: the names an expression may use (`self.NAME` constants, `self.helper(pre_environment)`,
// `pre_environment`, the locals a port supplies) and the port's environment objects, which are plain JavaScript records
// rather than Python values (attribute and key lookups read their properties; `==` between records compares their JSON).
// Anything else is refused with the expression named, so a suite port can hand-translate it.
import { fStringParts, replacementFields } from "../python/f-string.js";
import { parsePythonExpression } from "../python/parser.js";
import type { Comprehension, PyNode } from "../python/python-ast.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "../python/python-ast.js";
import { PyBytes } from "../python/py-bytes.js";
import { PyComplex } from "../python/py-complex.js";
import { pyEquals, pyTruthy, type PyValue } from "../python/py-value.js";
import { PyException } from "../python/runtime/exceptions.js";
import { pyBinary, pyComparison, pyContains, pyUnary } from "../python/runtime/operators.js";

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

export function evaluatePythonArgs(source: string, scope: PythonArgsScope): Record<string, unknown> {
  const value = evaluatePythonExpression(source, scope);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new PythonArgsError("arguments are not a dict", source);
  return value as Record<string, unknown>;
}

export function evaluatePythonExpression(source: string, scope: PythonArgsScope): unknown {
  try {
    return new Evaluation(source, scope).evaluate(parsePythonExpression(source), new Map());
  } catch (error) {
    if (error instanceof PySyntaxError) throw new PythonArgsError(error.reason, source);
    if (error instanceof PyUnsupportedSyntaxError) throw new PythonArgsError(error.message, source);
    if (error instanceof PyException) throw new PythonArgsError(`${error.pyType}: ${error.pyMessage}`, source);
    throw error;
  }
}

/** A comprehension's loop variables, innermost binding last written. */
type Locals = ReadonlyMap<string, unknown>;

class Evaluation {
  constructor(
    private readonly source: string,
    private readonly scope: PythonArgsScope,
  ) {}

  private fail(message: string): never {
    throw new PythonArgsError(message, this.source);
  }

  evaluate(node: PyNode, locals: Locals): unknown {
    switch (node.type) {
      case "Constant":
        return this.constant(node);
      case "JoinedStr":
        return fStringParts(node)
          .map((part) => {
            if (typeof part === "string") return part;
            if (part.conversion !== undefined || part.formatSpec !== undefined) return this.fail(`unsupported f-string field {${part.source}!…:…}`);
            return pythonStr(this.evaluate(part.expression, locals));
          })
          .join("");
      case "Name":
        return this.name(node.id, locals);
      case "Attribute":
        if (node.value.type === "Name" && node.value.id === "self" && !locals.has("self")) {
          if (!(node.attr in this.scope.constants)) return this.fail(`unknown constant self.${node.attr}`);
          return this.scope.constants[node.attr];
        }
        return lookup(this.evaluate(node.value, locals), node.attr, (message) => this.fail(message));
      case "Call":
        return this.call(node, locals);
      case "Subscript": {
        if (node.slice.type === "Slice") return this.fail("slices are not supported");
        const value = this.evaluate(node.value, locals);
        const index = this.evaluate(node.slice, locals);
        if (Array.isArray(value) && typeof index === "number") return value[index < 0 ? value.length + index : index];
        return lookup(value, String(index), (message) => this.fail(message));
      }
      case "List":
      case "Tuple":
        return node.elts.map((elt) => (elt.type === "Starred" ? this.fail("unpacking is not supported") : this.evaluate(elt, locals)));
      case "Dict": {
        const dict: Record<string, unknown> = {};
        node.keys.forEach((key, index) => {
          if (key === null) this.fail("dict unpacking is not supported");
          dict[String(this.evaluate(key, locals))] = this.evaluate(node.values[index] as PyNode, locals);
        });
        return dict;
      }
      case "BinOp":
        return pyBinary(node.op, this.evaluate(node.left, locals) as PyValue, this.evaluate(node.right, locals) as PyValue);
      case "UnaryOp": {
        const operand = this.evaluate(node.operand, locals);
        return node.op === "not" ? !truthy(operand) : pyUnary(node.op, operand as PyValue);
      }
      case "BoolOp": {
        let value: unknown = null;
        for (const operand of node.values) {
          value = this.evaluate(operand, locals);
          if (node.op === "and" ? !truthy(value) : truthy(value)) return value;
        }
        return value;
      }
      case "Compare": {
        let left = this.evaluate(node.left, locals);
        for (let index = 0; index < node.ops.length; index++) {
          const right = this.evaluate(node.comparators[index] as PyNode, locals);
          if (!this.compare(node.ops[index] as string, left, right)) return false;
          left = right;
        }
        return true;
      }
      case "IfExp":
        return truthy(this.evaluate(node.test, locals)) ? this.evaluate(node.body, locals) : this.evaluate(node.orelse, locals);
      case "ListComp": {
        const results: unknown[] = [];
        this.loop(node.generators, 0, locals, (inner) => results.push(this.evaluate(node.elt, inner)));
        return results;
      }
      default:
        return this.fail(`unsupported ${node.type} expression`);
    }
  }

  private constant(node: Extract<PyNode, { type: "Constant" }>): unknown {
    const value = node.value;
    if (node.ellipsis) return this.fail("Ellipsis is not supported");
    if (value instanceof PyBytes) return this.fail("bytes literals are not supported");
    if (value instanceof PyComplex) return this.fail("complex literals are not supported");
    // Environment records hold JavaScript numbers; an int literal is compared and printed among them as one.
    return typeof value === "bigint" ? Number(value) : value;
  }

  /**
   * A bare name: a comprehension's loop variable, `pre_environment`, or a local `ground_truth` computed before building
   * the calls, which a port supplies as a constant, or as a helper of that name that derives it from the environment.
   * A function-valued constant is such a helper scoped to one task (per-task constants), so two tasks may derive the
   * same name differently.
   */
  private name(id: string, locals: Locals): unknown {
    if (locals.has(id)) return locals.get(id);
    if (id === "pre_environment") return this.scope.environment;
    if (Object.hasOwn(this.scope.constants, id)) {
      const value = this.scope.constants[id];
      return typeof value === "function" ? (value as (environment: unknown) => unknown)(this.scope.environment) : value;
    }
    const local = this.scope.helpers?.[id];
    if (local) return local(this.scope.environment);
    return this.fail(`unknown name '${id}'`);
  }

  private call(node: Extract<PyNode, { type: "Call" }>, locals: Locals): unknown {
    if (node.func.type !== "Attribute") return this.fail("only method calls are supported");
    const method = node.func.attr;
    const receiver = node.func.value;
    // `self.helper(argument)`: the task class's own helper, given one value (usually pre_environment).
    if (receiver.type === "Name" && receiver.id === "self" && !locals.has("self")) {
      const helper = this.scope.helpers?.[method];
      if (!helper) return this.fail(`unknown helper self.${method}()`);
      if (node.args.length !== 1 || node.keywords.length > 0) return this.fail(`self.${method}() takes one argument here`);
      return helper(this.evaluate(node.args[0] as PyNode, locals));
    }
    const target = this.evaluate(receiver, locals);
    if (typeof target === "string" && method === "join" && node.args.length === 1 && node.keywords.length === 0) {
      // `sep.join(items)` builds the ground truths' list-shaped contents.
      const items = this.evaluate(node.args[0] as PyNode, locals);
      if (!Array.isArray(items) || !items.every((item) => typeof item === "string")) return this.fail("str.join needs a list of strings");
      return items.join(target);
    }
    if (typeof target === "string" && method === "format") return this.format(target, node, locals);
    // Any other argument-less method is the port's helper of that name applied to the receiver (`.isoformat()` on a
    // date, `._get_next_id()` on a store): only the port knows how it represents those values.
    const helper = this.scope.helpers?.[method];
    if (!helper || node.args.length > 0 || node.keywords.length > 0) return this.fail(`unsupported method call .${method}()`);
    return helper(target);
  }

  /** `str.format` with `{}`, `{0}` or `{name}` fields (no conversions or specs). */
  private format(template: string, node: Extract<PyNode, { type: "Call" }>, locals: Locals): string {
    const positional = node.args.map((arg) => (arg.type === "Starred" ? this.fail("unpacking is not supported") : this.evaluate(arg, locals)));
    const named = new Map(node.keywords.map((keyword) => [keyword.arg ?? this.fail("unpacking is not supported"), this.evaluate(keyword.value, locals)] as const));
    let auto = 0;
    return replacementFields(template, "format")
      .map((part) => {
        if (typeof part === "string") return part;
        if (part.conversion !== undefined || part.formatSpec !== undefined) return this.fail(`unsupported format field {${part.field}!…:…}`);
        const field = part.field.trim();
        if (field === "") return pythonStr(positional[auto++]);
        if (/^\d+$/.test(field)) return pythonStr(positional[Number(field)]);
        if (named.has(field)) return pythonStr(named.get(field));
        return this.fail(`format field {${field}} has no argument`);
      })
      .join("");
  }

  /** Runs the comprehension's clauses from `index` on, calling `body` with the loop variables of each admitted item. */
  private loop(generators: readonly Comprehension[], index: number, locals: Locals, body: (locals: Locals) => void): void {
    const clause = generators[index];
    if (!clause) return body(locals);
    const iterable = this.evaluate(clause.iter, locals);
    if (!Array.isArray(iterable)) return this.fail("a comprehension needs a list to iterate");
    for (const item of iterable) {
      const inner = new Map(locals);
      this.bind(clause.target, item, inner);
      if (clause.ifs.every((test) => truthy(this.evaluate(test, inner)))) this.loop(generators, index + 1, inner, body);
    }
  }

  private bind(target: PyNode, value: unknown, locals: Map<string, unknown>): void {
    if (target.type === "Name") {
      locals.set(target.id, value);
      return;
    }
    if ((target.type === "Tuple" || target.type === "List") && Array.isArray(value) && value.length === target.elts.length) {
      target.elts.forEach((elt, index) => this.bind(elt, value[index], locals));
      return;
    }
    this.fail("unsupported comprehension target");
  }

  private compare(op: string, left: unknown, right: unknown): boolean {
    switch (op) {
      case "==":
        return equal(left, right);
      case "!=":
        return !equal(left, right);
      case "in":
      case "not in": {
        let found: boolean;
        if (typeof right === "string" || Array.isArray(right)) found = Array.isArray(right) ? right.some((item) => equal(item, left)) : pyContains(right, left as PyValue);
        else if (right !== null && typeof right === "object" && typeof left === "string") found = Object.hasOwn(right, left);
        else return this.fail(`cannot test ${typeof left} ${op} ${typeof right}`);
        return op === "in" ? found : !found;
      }
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (!isPythonValue(left) || !isPythonValue(right)) return this.fail(`cannot compare ${typeof left} ${op} ${typeof right}`);
        return pyComparison(op, left, right);
      default:
        return this.fail(`unsupported comparison '${op}'`);
    }
  }
}

/** An attribute or key of an environment record (a missing one is refused rather than read as None). */
function lookup(target: unknown, key: string, fail: (message: string) => never): unknown {
  if (target === null || typeof target !== "object" || !(key in target)) return fail(`no attribute '${key}'`);
  return (target as Record<string, unknown>)[key];
}

/** Numbers, strings, booleans, None and lists of them: where Python's own semantics apply unchanged. */
function isPythonValue(value: unknown): value is PyValue {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean" || typeof value === "bigint") return true;
  return Array.isArray(value) && value.every(isPythonValue);
}

/** Python's `==`; two environment records (plain objects) are equal when their JSON is. */
function equal(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (isPythonValue(left) && isPythonValue(right)) return pyEquals(left, right);
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Python truthiness; an environment record is true, as every object without `__bool__` or `__len__` is. */
function truthy(value: unknown): boolean {
  if (value === undefined) return false;
  return isPythonValue(value) ? pyTruthy(value) : true;
}

/** `str(value)` as the ground truths print it: Python's words for None and booleans, numbers as JavaScript writes them. */
function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}
