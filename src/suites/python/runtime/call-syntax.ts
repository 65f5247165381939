// Reads a Python call expression such as `cd(folder='document')` as eval() does, with the one Python parser
// (../parser.ts), and admits the part of Python the multi-turn runtime evaluates: literals, names, attribute lookups,
// calls, containers and unary signs. Every refusal is a SyntaxError worded as eval() reports it; the wording appears in
// execution results the official checker prints, so it stays byte-identical to what the checker recorded.
import { parsePythonExpression } from "../parser.js";
import type { PyNode } from "../python-ast.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "../python-ast.js";
import { PyBytes } from "../py-bytes.js";
import { PyComplex } from "../py-complex.js";
import { PyException } from "./exceptions.js";
import { parseSimpleCall } from "./simple-call.js";

/** A SyntaxError as `eval` reports it: `<message> (<string>, line 1)`. */
function syntaxError(message = "invalid syntax"): PyException {
  return new PyException("SyntaxError", `${message} (<string>, line 1)`);
}

/** The parser's reason as eval() words it where the two differ (eval reads one line, so it names line 1). */
function evalWording(reason: string): string {
  if (reason === "unterminated string literal") return "unterminated string literal (detected at line 1)";
  if (reason === "leading zeros in decimal integer literals are not permitted") return `${reason}; use an 0o prefix for octal integers`;
  if (reason.startsWith("truncated \\")) return "(unicode error) truncated escape";
  // A stray character, a missing ':', a keyword as an attribute or argument name.
  if (/^(invalid character |invalid attribute name$|expected '.'$)/.test(reason)) return "invalid syntax";
  if (/^cannot assign to /.test(reason) && !/ (True|False|None)$/.test(reason)) return "invalid syntax";
  return reason;
}

/** The Python expression `source`, refused with eval()'s SyntaxError when it is not Python or not in the evaluated part. */
export function parseExpression(source: string): PyNode {
  // Most calls are `name(key=literal, …)`: read without the full grammar (the same nodes, all of them evaluable).
  const simple = parseSimpleCall(source);
  if (simple !== undefined) return simple;
  let node: PyNode;
  try {
    node = parsePythonExpression(source);
  } catch (error) {
    if (error instanceof PySyntaxError) throw syntaxError(evalWording(error.reason));
    if (error instanceof PyUnsupportedSyntaxError) throw syntaxError(error.message);
    throw error;
  }
  checkEvaluable(node);
  return node;
}

function checkEvaluable(node: PyNode): void {
  switch (node.type) {
    case "Constant":
      if (node.ellipsis) throw syntaxError();
      if (node.value instanceof PyBytes) throw syntaxError("unsupported string prefix");
      if (node.value instanceof PyComplex) throw syntaxError("complex literals are not supported");
      return;
    case "JoinedStr":
      throw syntaxError("unsupported string prefix");
    case "Name":
      return;
    case "Attribute":
      return checkEvaluable(node.value);
    case "Call": {
      checkEvaluable(node.func);
      const names = new Set<string>();
      for (const arg of node.args) {
        if (arg.type === "Starred") throw syntaxError("argument unpacking is not supported");
        checkEvaluable(arg);
      }
      for (const keyword of node.keywords) {
        if (keyword.arg === null) throw syntaxError("argument unpacking is not supported");
        if (names.has(keyword.arg)) throw syntaxError(`keyword argument repeated: ${keyword.arg}`);
        names.add(keyword.arg);
        checkEvaluable(keyword.value);
      }
      return;
    }
    case "List":
    case "Tuple":
    case "Set":
      for (const element of node.elts) {
        if (element.type === "Starred") throw syntaxError();
        checkEvaluable(element);
      }
      return;
    case "Dict":
      node.keys.forEach((key, index) => {
        if (key === null) throw syntaxError();
        checkEvaluable(key);
        checkEvaluable(node.values[index] as PyNode);
      });
      return;
    case "UnaryOp":
      if (node.op !== "-" && node.op !== "+") throw syntaxError(`unary '${node.op}' is not supported`);
      return checkEvaluable(node.operand);
    default:
      throw syntaxError(`${node.type} expressions are not supported`);
  }
}
