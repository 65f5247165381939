// Turns one prompt-mode step ("[f(a=1), g()]" text) into call strings, as the reference's default_decode_execute_prompting does.
import { parseExpression } from "../../../../python/runtime/call-syntax.js";
import type { PyNode } from "../../../../python/python-ast.js";
import { PyException } from "../../../../python/runtime/exceptions.js";
import { pyRepr } from "../../../../python/py-repr.js";
import { PyDict, PyTuple, type PyValue } from "../../../../python/py-value.js";

function literal(node: PyNode): PyValue {
  switch (node.type) {
    case "Constant":
      return node.value;
    case "Name":
      // A bare name stands for its own identifier.
      return node.id;
    case "UnaryOp": {
      if (node.op !== "-") break;
      const operand = literal(node.operand);
      if (typeof operand === "bigint" || typeof operand === "number") return -operand;
      throw new PyException("ValueError", "unsupported negation");
    }
    case "List":
      return node.elts.map(literal);
    case "Tuple":
      return new PyTuple(node.elts.map(literal));
    case "Dict":
      return PyDict.of(node.keys.map((key, index) => [literal(key as PyNode), literal(node.values[index] as PyNode)] as const));
  }
  throw new PyException("ValueError", `unsupported argument of type ${node.type}`);
}

function calleeName(node: PyNode): string {
  if (node.type === "Name") return node.id;
  if (node.type === "Attribute") return `${calleeName(node.value)}.${node.attr}`;
  throw new PyException("ValueError", "the callee is not a name");
}

/** Call strings for a prompt-mode step, or undefined when it is not a list of calls (prose, for instance). */
export function decodePromptStep(text: string): string[] | undefined {
  let source = text.replace(/^[`\n ]+|[`\n ]+$/g, "");
  if (!source.startsWith("[")) source = `[${source}`;
  if (!source.endsWith("]")) source = `${source}]`;
  try {
    const parsed = parseExpression(source);
    if (parsed.type !== "List") return undefined;
    return parsed.elts.map((call) => {
      if (call.type !== "Call") throw new PyException("ValueError", "not a call");
      const args = call.keywords.map(({ arg, value }) => `${arg as string}=${pyRepr(literal(value))}`);
      return `${calleeName(call.func)}(${args.join(", ")})`;
    });
  } catch (error) {
    if (error instanceof PyException) return undefined;
    throw error;
  }
}
