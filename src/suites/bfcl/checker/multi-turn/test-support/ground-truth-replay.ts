// Turns ground-truth call strings into a function-calling model result, so replaying the answer must score 100%.
import { createApi } from "../apis/create-api.js";
import { parseExpression } from "../../../../python/runtime/call-syntax.js";
import type { PyNode } from "../../../../python/python-ast.js";
import { dumpsPyJson } from "../../../../python/py-json.js";
import { PyDict, PySet, PyTuple, type PyValue } from "../../../../python/py-value.js";
import { ReferenceRuntime } from "../reference-runtime.js";

function literal(node: PyNode): PyValue {
  switch (node.type) {
    case "Constant":
      return node.value;
    case "List":
      return node.elts.map(literal);
    case "Tuple":
      return new PyTuple(node.elts.map(literal));
    case "Set":
      return PySet.of(node.elts.map(literal));
    case "Dict":
      return PyDict.of(node.keys.map((key, index) => [literal(key as PyNode), literal(node.values[index] as PyNode)] as const));
    case "UnaryOp": {
      const value = literal(node.operand);
      if (node.op !== "-") return value;
      return typeof value === "bigint" || typeof value === "number" ? -value : value;
    }
    default:
      throw new Error(`ground truth argument of type ${node.type} is not a literal`);
  }
}

/**
 * One FC call `{name: "<JSON args>"}` for a ground-truth call string. Positional arguments get
 * their parameter names from the involved classes' signatures, since FC calls only have keywords.
 */
function groundTruthCallToFc(call: string, involvedClasses: readonly string[]): Record<string, string> {
  const parsed = parseExpression(call);
  if (parsed.type !== "Call" || parsed.func.type !== "Name") throw new Error(`not a plain call: ${call}`);
  const name = parsed.func.id;
  const runtime = new ReferenceRuntime();
  const method = involvedClasses.map((className) => createApi(className, runtime).methods().get(name)).find((found) => found !== undefined);
  const args = new PyDict();
  parsed.args.forEach((arg, index) => {
    const parameter = method?.parameters[index];
    if (!parameter) throw new Error(`no parameter ${index} for ${call}`);
    args.set(parameter.name, literal(arg));
  });
  for (const { arg: keyword, value } of parsed.keywords) args.set(keyword as string, literal(value));
  return { [name]: dumpsPyJson(args) };
}

/** A model result that answers every turn with the ground truth's calls as one FC step. */
export function groundTruthAsModelResult(groundTruth: readonly (readonly string[])[], involvedClasses: readonly string[]): unknown[] {
  return groundTruth.map((turn) => (turn.length === 0 ? [] : [turn.map((call) => groundTruthCallToFc(call, involvedClasses))]));
}
