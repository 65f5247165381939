// Turns one prompt-mode step ("[f(a=1), g()]" text) into call strings, as the reference's default_decode_execute_prompting does.
import { parseExpression, type Expression } from "../../../../python/runtime/call-syntax.js";
import { PyException } from "../../../../python/runtime/exceptions.js";
import { pyRepr } from "../../../../python/py-repr.js";
import { PyDict, PyTuple, type PyValue } from "../../../../python/py-value.js";

function literal(expression: Expression): PyValue {
  switch (expression.kind) {
    case "constant":
      return expression.value;
    case "name":
      // A bare name stands for its own identifier.
      return expression.id;
    case "negate": {
      const operand = literal(expression.operand);
      if (typeof operand === "bigint" || typeof operand === "number") return -operand;
      throw new PyException("ValueError", "unsupported negation");
    }
    case "list":
      return expression.items.map(literal);
    case "tuple":
      return new PyTuple(expression.items.map(literal));
    case "dict":
      return PyDict.of(expression.entries.map(({ key, value }) => [literal(key), literal(value)] as const));
    default:
      throw new PyException("ValueError", `unsupported argument of kind ${expression.kind}`);
  }
}

function calleeName(expression: Expression): string {
  if (expression.kind === "name") return expression.id;
  if (expression.kind === "attribute") return `${calleeName(expression.target)}.${expression.attribute}`;
  throw new PyException("ValueError", "the callee is not a name");
}

/** Call strings for a prompt-mode step, or undefined when it is not a list of calls (prose, for instance). */
export function decodePromptStep(text: string): string[] | undefined {
  let source = text.replace(/^[`\n ]+|[`\n ]+$/g, "");
  if (!source.startsWith("[")) source = `[${source}`;
  if (!source.endsWith("]")) source = `${source}]`;
  try {
    const parsed = parseExpression(source);
    if (parsed.kind !== "list") return undefined;
    return parsed.items.map((call) => {
      if (call.kind !== "call") throw new PyException("ValueError", "not a call");
      const args = call.keywords.map(({ name, value }) => `${name}=${pyRepr(literal(value))}`);
      return `${calleeName(call.callee)}(${args.join(", ")})`;
    });
  } catch (error) {
    if (error instanceof PyException) return undefined;
    throw error;
  }
}
