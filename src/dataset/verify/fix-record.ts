// `verify --fix`: only repairs that lose nothing, each recorded in the row's meta.repairs — arguments encoded twice
// decoded once, dialect type names with an exact JSON Schema meaning mapped, numbers/booleans/lists written as text turned
// back into values where the schema asks for them, Python-repr tool results rewritten as JSON.
import type { DatasetRecord, JsonValue, RecordRepair } from "../record.js";
import { isJsonObject } from "../record.js";
import { parsePythonLiteral } from "../io/python-literal.js";
import { coercibleScalar, normaliseTypeName, parseListText } from "./check-record.js";
import { findDialectIssues, normaliseDialect } from "./schema-dialect.js";

export function fixRecord(record: DatasetRecord): RecordRepair[] {
  const repairs: RecordRepair[] = [];
  const note = (kind: string, field: string, detail: string) => repairs.push({ step: "verify --fix", kind, field, detail });

  record.tools.forEach((tool, index) => {
    const issues = findDialectIssues(tool.function.parameters, `tools[${index}].function.parameters`);
    const fixable = issues.filter((issue) => issue.replacement !== undefined);
    if (fixable.length === 0 || fixable.length !== issues.length) {
      // Mixed: map nothing rather than leave the schema half in each dialect.
      if (fixable.length > 0) return;
      return;
    }
    tool.function.parameters = normaliseDialect(tool.function.parameters, false).schema as DatasetRecord["tools"][number]["function"]["parameters"];
    note("schema-dialect", `tools[${index}].function.parameters`, fixable.map((issue) => `${issue.found}→${issue.replacement === null ? "(any)" : issue.replacement}`).join(", "));
  });

  const properties = new Map(record.tools.map((tool) => [tool.function.name, isJsonObject(tool.function.parameters.properties) ? tool.function.parameters.properties : {}]));
  record.messages.forEach((message, messageIndex) => {
    if (message.role === "tool") {
      const text = message.content.trim();
      if (/^[[{(]/.test(text) && text.includes("'")) {
        try {
          JSON.parse(text);
        } catch {
          try {
            message.content = JSON.stringify(parsePythonLiteral(text));
            note("tool-result-python-repr", `messages[${messageIndex}].content`, "Python repr rewritten as JSON");
          } catch {
            // not a literal: left for a person
          }
        }
      }
      return;
    }
    if (message.role !== "assistant") return;
    message.tool_calls?.forEach((call, callIndex) => {
      const field = `messages[${messageIndex}].tool_calls[${callIndex}].function.arguments`;
      if (typeof call.function.arguments === "string") {
        try {
          const decoded: unknown = JSON.parse(call.function.arguments);
          if (isJsonObject(decoded)) {
            call.function.arguments = decoded;
            note("arguments-double-encoded", field, "decoded once more");
          }
        } catch {
          return;
        }
      }
      const args = call.function.arguments;
      if (!isJsonObject(args)) return;
      const specs = properties.get(call.function.name) ?? {};
      for (const [name, value] of Object.entries(args)) {
        const spec = specs[name];
        if (typeof value !== "string" || !isJsonObject(spec)) continue;
        const wanted = normaliseTypeName(spec.type);
        const scalar = coercibleScalar(value, wanted);
        if (scalar !== undefined) {
          args[name] = scalar;
          note("arguments-value-as-string", `${field}.${name}`, `${JSON.stringify(value)} → ${JSON.stringify(scalar)}`);
          continue;
        }
        if (wanted === "array") {
          const list = parseListText(value);
          if (list !== undefined) {
            args[name] = list as JsonValue;
            note("arguments-value-as-string", `${field}.${name}`, `list text → list of ${list.length}`);
          }
        }
      }
    });
  });
  if (repairs.length > 0) record.meta.repairs = [...(record.meta.repairs ?? []), ...repairs];
  return repairs;
}
