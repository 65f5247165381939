// Turns ground-truth call strings into a function-calling model result, so replaying the answer must score 100%.
import { createApi } from "../apis/create-api.js";
import { parseExpression, type Expression } from "../../../../python/runtime/call-syntax.js";
import { dumpsPyJson } from "../../../../python/py-json.js";
import { PyDict, PySet, PyTuple, type PyValue } from "../../../../python/py-value.js";
import { ReferenceRuntime } from "../reference-runtime.js";

function literal(expression: Expression): PyValue {
  switch (expression.kind) {
    case "constant":
      return expression.value;
    case "list":
      return expression.items.map(literal);
    case "tuple":
      return new PyTuple(expression.items.map(literal));
    case "set":
      return PySet.of(expression.items.map(literal));
    case "dict":
      return PyDict.of(expression.entries.map(({ key, value }) => [literal(key), literal(value)] as const));
    case "negate": {
      const value = literal(expression.operand);
      return typeof value === "bigint" || typeof value === "number" ? -value : value;
    }
    default:
      throw new Error(`ground truth argument of kind ${expression.kind} is not a literal`);
  }
}

/**
 * One FC call `{name: "<JSON args>"}` for a ground-truth call string. Positional arguments get
 * their parameter names from the involved classes' signatures, since FC calls only have keywords.
 */
export function groundTruthCallToFc(call: string, involvedClasses: readonly string[]): Record<string, string> {
  const parsed = parseExpression(call);
  if (parsed.kind !== "call" || parsed.callee.kind !== "name") throw new Error(`not a plain call: ${call}`);
  const name = parsed.callee.id;
  const runtime = new ReferenceRuntime();
  const method = involvedClasses.map((className) => createApi(className, runtime).methods().get(name)).find((found) => found !== undefined);
  const args = new PyDict();
  parsed.args.forEach((arg, index) => {
    const parameter = method?.parameters[index];
    if (!parameter) throw new Error(`no parameter ${index} for ${call}`);
    args.set(parameter.name, literal(arg));
  });
  for (const { name: keyword, value } of parsed.keywords) args.set(keyword, literal(value));
  return { [name]: dumpsPyJson(args) };
}

/** A model result that answers every turn with the ground truth's calls as one FC step. */
export function groundTruthAsModelResult(groundTruth: readonly (readonly string[])[], involvedClasses: readonly string[]): unknown[] {
  return groundTruth.map((turn) => (turn.length === 0 ? [] : [turn.map((call) => groundTruthCallToFc(call, involvedClasses))]));
}
