// Decodes prompt-mode output (`[f(a=1, b='x')]`) the way BFCL's default_decode_ast_prompting and ast_parse do.
import { evaluate } from "../../../python/evaluate.js";
import { parsePythonExpression } from "../../../python/parser.js";
import type { PyNode } from "../../../python/python-ast.js";
import { pyRepr, pyStr } from "../../../python/py-repr.js";
import { pyStrip } from "../../../python/py-text.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict, PyTuple, pyTypeName } from "../../../python/py-value.js";
import { PyComplex } from "../../../python/py-complex.js";
import { unparse } from "../../../python/unparse.js";
import { DecodeError } from "./decode-error.js";

/** Strip backticks/newlines/spaces, wrap in `[...]`, parse, and turn every call into `{name: {keyword: value}}`. */
export function decodeAstPrompting(result: PyValue): PyDict[] {
  const body = parseWrapped(result);
  if (body.type === "Call") return [resolveCall(body)];
  if (body.type !== "List" && body.type !== "Tuple" && body.type !== "Set") {
    throw new DecodeError(`'${body.type}' object has no attribute 'elts'`);
  }
  return body.elts.map((elem) => {
    if (elem.type !== "Call") throw new DecodeError("AssertionError: every element must be a call");
    return resolveCall(elem);
  });
}

/** decode_execute for prompt mode: each decoded call as the Python source BFCL would execute. */
export function decodeExecutePrompting(result: PyValue): string[] {
  return decodeAstPrompting(result).flatMap((call) =>
    call.entries().map(([name, args]) => `${pyStr(name)}(${(args as PyDict).entries().map(([k, v]) => `${pyStr(k)}=${nestedValue(v)}`).join(", ")})`),
  );
}

function parseWrapped(result: PyValue): PyNode {
  if (typeof result !== "string") throw new DecodeError(`'${pyTypeName(result)}' object has no attribute 'strip'`);
  let text = pyStrip(result, "`\n ");
  if (!text.startsWith("[")) text = `[${text}`;
  if (!text.endsWith("]")) text = `${text}]`;
  // Only quotes a model wrapped around the whole answer are removed.
  return parsePythonExpression(pyStrip(pyStrip(text), "'"));
}

function resolveCall(call: Extract<PyNode, { type: "Call" }>): PyDict {
  const parts: string[] = [];
  let func = call.func;
  while (func.type === "Attribute") {
    parts.push(func.attr);
    func = func.value;
  }
  if (func.type === "Name") parts.push(func.id);
  const args = new PyDict();
  // Positional arguments are dropped: BFCL only reads keywords.
  for (const keyword of call.keywords) args.set(keyword.arg, resolveValue(keyword.value));
  return PyDict.of([[parts.reverse().join("."), args]]);
}

/** The value BFCL's resolve_ast_by_type gives one argument expression. */
export function resolveValue(node: PyNode): PyValue {
  switch (node.type) {
    case "Constant":
      return node.ellipsis ? "..." : node.value;
    case "UnaryOp":
      // BFCL negates the operand's constant whatever the operator (`+5` and `not 5` both give -5).
      return negateConstant(node.operand);
    case "List":
      return node.elts.map(resolveValue);
    case "Dict": {
      const dict = new PyDict();
      node.keys.forEach((key, i) => {
        if (key === null) throw new DecodeError("Unsupported AST type: <class 'NoneType'>");
        dict.set(resolveValue(key), resolveValue(node.values[i] as PyNode));
      });
      return dict;
    }
    case "BinOp":
      return evaluate(node);
    case "Name":
      return node.id;
    case "Call":
      return node.keywords.length === 0 ? unparse(node) : resolveCall(node);
    case "Tuple":
      return new PyTuple(node.elts.map(resolveValue));
    case "Subscript":
      return `${unparse(node.value)}[${unparse(node.slice)}]`;
    default:
      // Lambda included: BFCL evaluates `value.body[0]`, which never exists on a lambda's body.
      throw new DecodeError(`Unsupported AST type: <class 'ast.${node.type}'>`);
  }
}

function negateConstant(operand: PyNode): PyValue {
  if (operand.type !== "Constant") throw new DecodeError(`'${operand.type}' object has no attribute 'value'`);
  const value = operand.value;
  if (operand.ellipsis) throw new DecodeError("bad operand type for unary -: 'ellipsis'");
  if (typeof value === "bigint" || typeof value === "number") return -value;
  if (typeof value === "boolean") return value ? -1n : 0n;
  if (value instanceof PyComplex) return new PyComplex(-value.real, -value.imag);
  throw new DecodeError(`bad operand type for unary -: '${pyTypeName(value)}'`);
}

/** BFCL's parse_nested_value: a dict of dicts prints as a call, other dicts as literals, everything else by repr. */
function nestedValue(value: PyValue): string {
  if (!(value instanceof PyDict)) return pyRepr(value);
  const values = value.values();
  if (values.every((item) => item instanceof PyDict)) {
    const name = value.keys()[0];
    if (name === undefined) throw new DecodeError("list index out of range");
    const args = value.get(name) as PyDict;
    return `${pyStr(name)}(${args.entries().map(([k, v]) => `${pyStr(k)}=${nestedValue(v)}`).join(", ")})`;
  }
  return `{${value.entries().map(([k, v]) => `'${pyStr(k)}': ${nestedValue(v)}`).join(", ")}}`;
}
