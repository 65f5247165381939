// Builds the result file a perfect FC model would write for a category, from its possible answers: a check that a BFCL setup scores 100%.
import { categoryOfResultFile, isAgentic, isMultiTurn, isRelevanceOrIrrelevance, languageOf } from "./categories.js";
import { join } from "node:path";
import { resolveValue } from "./decode/decode-prompting.js";
import { parsePythonExpression } from "../../python/parser.js";
import { BfclDataError } from "./errors.js";
import type { BfclLine } from "./load-data.js";
import { field, loadGroundTruth, loadQuestions, readJsonValues } from "./load-data.js";
import { dumpsPyJson } from "../../python/py-json.js";
import { pyFloatRepr, pyStr } from "../../python/py-repr.js";
import type { PyValue } from "../../python/py-value.js";
import { PyDict, PyTuple } from "../../python/py-value.js";
import { multiTurnFunctionDocFiles } from "./multi-turn-function-doc-files.js";

/** One JSON line per entry, `{"id", "result"}`, in question order. */
export function replayGroundTruth(dataDir: string, category: string): string[] {
  const questions = loadQuestions(dataDir, category);
  if (isRelevanceOrIrrelevance(category)) {
    return questions.map((question) => resultLine(question.id, category.includes("irrelevance") ? "[]" : `[${anyCall(question)}]`));
  }
  const answers = loadGroundTruth(dataDir, category);
  return questions.map((question, i) => {
    const groundTruth = field(answers[i] as BfclLine, "ground_truth");
    if (isAgentic(category)) return resultLine(question.id, JSON.stringify([[`The answer is ${pyStr(firstOf(groundTruth))}.`]]));
    if (isMultiTurn(category)) return resultLine(question.id, multiTurnResult(groundTruth, parameterNames(dataDir, question)));
    return resultLine(question.id, `[${listOf(groundTruth).map((call) => fcCall(call, question, category)).join(", ")}]`);
  });
}

/** The result file name BFCL gives a category. */
export function resultFileName(category: string): string {
  const name = `BFCL_v4_${category}_result.json`;
  if (categoryOfResultFile(name) !== category) throw new BfclDataError(`${category} is not a BFCL category name`);
  return name;
}

const resultLine = (id: string, resultJson: string): string => `{"id": ${JSON.stringify(id)}, "result": ${resultJson}}`;

/** live_relevance only needs some call: the first documented function with no arguments. */
function anyCall(question: BfclLine): string {
  const doc = listOf(field(question, "function"))[0];
  const name = doc instanceof PyDict ? pyStr(doc.get("name") ?? "") : "";
  return `{${JSON.stringify(name)}: "{}"}`;
}

function fcCall(call: PyValue, question: BfclLine, category: string): string {
  const [name, params] = (call as PyDict).entries()[0] as [PyValue, PyValue];
  const docs = listOf(field(question, "function"));
  const doc = docs.find((candidate) => candidate instanceof PyDict && candidate.get("name") === name) as PyDict | undefined;
  const parameters = doc?.get("parameters") as PyDict | undefined;
  const properties = parameters?.get("properties") as PyDict | undefined;
  const required = Array.isArray(parameters?.get("required")) ? (parameters?.get("required") as PyValue[]) : [];
  const language = languageOf(category);
  const args = new PyDict();
  for (const [param, candidates] of (params as PyDict).entries()) {
    // An optional parameter (`""` among its candidates) is left out unless the doc requires it: some answers list
    // optional parameters the doc lacks, and some mark required ones optional.
    const allowed = listOf(candidates);
    const chosen = allowed.find((candidate) => candidate !== "");
    if (chosen === undefined || (allowed.includes("") && !required.includes(param))) continue;
    const details = properties?.get(param) as PyDict | undefined;
    const type = pyStr(details?.get("type") ?? "string");
    const itemsType = pyStr((details?.get("items") as PyDict | undefined)?.get("type") ?? "String");
    args.set(param, language === "java" ? javaText(chosen, type, itemsType) : language === "javascript" ? jsText(chosen, type, itemsType) : pythonValue(chosen));
  }
  return `{${JSON.stringify(pyStr(name))}: ${JSON.stringify(dumpsPyJson(args))}}`;
}

/** A dict answer lists allowed values per key (a list of such dicts for a list of dicts): pick one for each key. */
function pythonValue(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map((item) => (item instanceof PyDict ? pythonValue(item) : item));
  if (!(value instanceof PyDict)) return value;
  const dict = new PyDict();
  for (const [key, allowed] of value.entries()) {
    const chosen = Array.isArray(allowed) ? allowed.find((candidate) => candidate !== "") : allowed;
    if (chosen !== undefined) dict.set(key, chosen);
  }
  return dict;
}

/** Java source text that BFCL's Java converter turns back into the value. */
function javaText(value: PyValue, type: string, itemsType: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return type === "long" ? `${value}L` : `${value}`;
  if (typeof value === "number") return type === "float" ? `${pyFloatRepr(value)}f` : pyFloatRepr(value);
  if (Array.isArray(value)) {
    const quoted = itemsType === "String" || itemsType === "char";
    if (type === "ArrayList") {
      if (value.length === 0) return "new ArrayList<>()";
      return `new ArrayList<>(Arrays.asList(${value.map((item) => (quoted ? `"${pyStr(item)}"` : javaText(item, itemsType, "String"))).join(", ")}))`;
    }
    return `new ${itemsType}[]{${value.map((item) => javaText(item, itemsType, "String")).join(", ")}}`;
  }
  if (value instanceof PyDict) {
    const puts = value.entries().map(([key, allowed]) => {
      const chosen = Array.isArray(allowed) ? (allowed.find((candidate) => candidate !== "") ?? "") : allowed;
      return `put("${pyStr(key)}", ${typeof chosen === "string" ? `"${chosen}"` : javaText(chosen, "any", "String")});`;
    });
    return `new HashMap<String, String>() {{ ${puts.join(" ")} }}`;
  }
  return pyStr(value);
}

/** JavaScript source text that BFCL's JavaScript converter turns back into the value. */
function jsText(value: PyValue, type: string, itemsType: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return type === "Bigint" ? `${value}n` : `${value}`;
  if (typeof value === "number") return pyFloatRepr(value);
  if (Array.isArray(value)) return `[${value.map((item) => (typeof item === "string" ? `"${item}"` : jsText(item, itemsType, "String"))).join(", ")}]`;
  if (value instanceof PyDict) {
    const pairs = value.entries().map(([key, allowed]) => {
      const chosen = Array.isArray(allowed) ? (allowed.find((candidate) => candidate !== "") ?? "") : allowed;
      return `${pyStr(key)}: ${typeof chosen === "string" ? `"${chosen}"` : jsText(chosen, "any", "String")}`;
    });
    return `{${pairs.join(", ")}}`;
  }
  return pyStr(value);
}

/** Parameter names in order for the functions of the entry's API classes, to name positional ground-truth arguments. */
function parameterNames(dataDir: string, question: BfclLine): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const className of listOf(field(question, "involved_classes"))) {
    const file = multiTurnFunctionDocFiles[pyStr(className)];
    if (!file) continue;
    for (const { value: doc } of readJsonValues(join(dataDir, "multi_turn_func_doc", file))) {
      if (!(doc instanceof PyDict)) continue;
      const properties = (doc.get("parameters") as PyDict | undefined)?.get("properties");
      names.set(pyStr(doc.get("name") ?? ""), properties instanceof PyDict ? properties.keys().map(pyStr) : []);
    }
  }
  return names;
}

/**
 * Each ground-truth turn (call strings such as `cd(folder='x')` or `sort('a.txt')`) as one FC step holding all its
 * calls; positional arguments take their parameter's name, since FC arguments are always named.
 */
function multiTurnResult(groundTruth: PyValue, names: Map<string, string[]>): string {
  const turns = listOf(groundTruth).map((turn) => {
    const step = listOf(turn).map((source) => {
      const call = parsePythonExpression(pyStr(source));
      if (call.type !== "Call" || call.func.type !== "Name") throw new BfclDataError(`ground-truth call ${pyStr(source)} is not a plain function call`);
      const params = names.get(call.func.id) ?? [];
      const args = new PyDict();
      call.args.forEach((arg, i) => args.set(params[i] ?? `arg${i}`, resolveValue(arg)));
      for (const keyword of call.keywords) args.set(keyword.arg, resolveValue(keyword.value));
      return `{${JSON.stringify(call.func.id)}: ${JSON.stringify(dumpsPyJson(args))}}`;
    });
    return step.length === 0 ? "[]" : `[[${step.join(", ")}]]`;
  });
  return `[${turns.join(", ")}]`;
}

function listOf(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (value instanceof PyTuple) return [...value.items];
  throw new BfclDataError(`expected a list in the possible answers, found ${pyStr(value)}`);
}

function firstOf(value: PyValue): PyValue {
  return listOf(value)[0] ?? "";
}
