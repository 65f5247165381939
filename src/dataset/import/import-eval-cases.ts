// toolgate eval cases → ground-truth rows: the case's prompt, its inline tools, and the first allowed value of each
// expected parameter (no_call cases become no-call rows). Catalog tools and effects cases are refused with the reason.
import type { JsonObject, JsonValue, RecordMessage, RecordTool, RecordToolCall, SourceFormat } from "../record.js";
import type { ImportOptions, ImportOutcome } from "./row-builder.js";
import { RowContext } from "./row-builder.js";

export async function* importEvalCaseFile(file: string, options: ImportOptions): AsyncGenerator<ImportOutcome> {
  // Loaded on demand: the eval room is large and only this importer needs it.
  const { loadCaseFile } = await import("../../eval/index.js");
  const format: SourceFormat = "eval-cases";
  let cases;
  try {
    cases = loadCaseFile(file);
  } catch (error) {
    const context = new RowContext(file, format, { value: undefined, line: 1 }, options);
    yield context.problem("case-file-invalid", (error as Error).message);
    return;
  }
  for (const [index, testCase] of cases.entries()) {
    const context = new RowContext(file, format, { value: testCase, index }, options, testCase.id);
    const messages: RecordMessage[] = [];
    if (testCase.system !== undefined) messages.push({ role: "system", content: testCase.system });
    if (testCase.turns) {
      if (testCase.turns.length > 1) {
        yield context.problem("multi-turn-case", "multi-turn cases have no per-turn ground truth to train on", "turns");
        continue;
      }
      messages.push({ role: "user", content: testCase.turns[0]! });
    } else {
      for (const message of testCase.messages ?? []) messages.push({ role: message.role, content: message.content });
    }
    const tools: RecordTool[] = [];
    const catalogTool = testCase.tools.find((tool) => typeof tool === "string");
    if (catalogTool !== undefined) {
      yield context.problem("catalog-tool", `catalog tool ${JSON.stringify(catalogTool)} has no inline schema here; export the catalog's tools into the case first`, "tools");
      continue;
    }
    for (const tool of testCase.tools) {
      if (typeof tool === "string") continue;
      tools.push({ type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } });
    }
    const expect = testCase.expect;
    if (expect.effects || expect.any_call) {
      yield context.problem("no-ground-truth-arguments", "effects/any_call cases state no arguments to train on", "expect");
      continue;
    }
    if (expect.no_call) {
      messages.push({ role: "assistant", content: "" });
    } else {
      const calls: RecordToolCall[] = (expect.calls ?? []).map((call) => {
        const [name, parameters] = Object.entries(call)[0]!;
        const args: JsonObject = {};
        for (const [parameter, candidates] of Object.entries(parameters)) {
          const chosen = candidates.find((candidate) => candidate !== "");
          if (chosen !== undefined) args[parameter] = chosen as JsonValue;
        }
        return { id: "", type: "function", function: { name, arguments: args } };
      });
      messages.push({ role: "assistant", content: null, tool_calls: calls });
    }
    yield context.finish(messages, tools, testCase.category !== undefined ? { extra: { caseCategory: testCase.category } } : undefined);
  }
}
