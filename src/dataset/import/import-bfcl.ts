// BFCL questions + possible answers → ground-truth conversations: the user turn(s), then one assistant turn whose calls
// take each parameter's first listed value ("" = may be omitted, so the parameter is left out). Irrelevance
// categories (no possible answer) become no-call rows. Multi-turn files (BFCL_v4_multi_turn_*) have their ground truth
// executed against BFCL's simulated APIs (import-bfcl-multi-turn.ts); multi-turn rows met elsewhere are rejected.
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { JsonObject, JsonValue, RecordMessage, RecordToolCall } from "../record.js";
import { isJsonObject } from "../record.js";
import { readJsonLines } from "../io/source-rows.js";
import type { ImportOptions, ImportOutcome } from "./row-builder.js";
import { RowContext, toRecordTool } from "./row-builder.js";
import { importBfclMultiTurnFile } from "./import-bfcl-multi-turn.js";

/** The possible-answer file beside a question file (`possible_answer/<same name>`), read whole (they are small). */
async function loadPossibleAnswers(questionFile: string): Promise<Map<string, unknown> | undefined> {
  const answerFile = join(dirname(questionFile), "possible_answer", basename(questionFile));
  if (!existsSync(answerFile)) return undefined;
  const answers = new Map<string, unknown>();
  for await (const row of readJsonLines(answerFile)) {
    if (isJsonObject(row.value) && typeof row.value.id === "string") answers.set(row.value.id, row.value.ground_truth);
  }
  return answers;
}

function firstCandidate(candidates: unknown): { value: JsonValue } | undefined {
  if (!Array.isArray(candidates)) return { value: candidates as JsonValue };
  const chosen = candidates.find((candidate) => candidate !== "");
  return chosen === undefined ? undefined : { value: chosen as JsonValue };
}

function importBfclRow(value: unknown, context: RowContext, answers: Map<string, unknown> | undefined): ImportOutcome {
  if (!isJsonObject(value) || typeof value.id !== "string") return context.problem("row-not-bfcl", "a BFCL question needs an id");
  if (!Array.isArray(value.question)) return context.problem("missing-question", "a BFCL entry needs question turns", "question");
  if (value.initial_config !== undefined || value.involved_classes !== undefined) {
    return context.problem("multi-turn-needs-execution", "BFCL multi-turn ground truth has no tool results: import it from its BFCL data folder (BFCL_v4_multi_turn_<x>.json beside possible_answer/ and multi_turn_func_doc/), where it is executed against the simulated APIs; never faked", "ground_truth");
  }
  const turns = value.question.flat();
  const messages: RecordMessage[] = [];
  for (const [index, turn] of turns.entries()) {
    if (!isJsonObject(turn) || (turn.role !== "user" && turn.role !== "system") || typeof turn.content !== "string") return context.problem("question-turn-unreadable", "question turns must be user/system messages", `question[${index}]`);
    messages.push({ role: turn.role, content: turn.content });
  }
  const functions = Array.isArray(value.function) ? value.function : [];
  const tools = functions.flatMap((fn, index) => {
    const tool = toRecordTool(fn, context, `function[${index}]`);
    return tool ? [tool] : [];
  });
  const truth = answers?.get(value.id);
  const extra: JsonObject = { bfclCategory: value.id.replace(/_\d+(-\d+)*$/, "") };
  if (truth === undefined) {
    if (!/irrelevance/.test(value.id)) return context.problem("missing-possible-answer", `no possible answer for ${value.id} (and it is not an irrelevance entry)`, "ground_truth");
    messages.push({ role: "assistant", content: "" });
    return context.finish(messages, tools, { extra });
  }
  if (!Array.isArray(truth)) return context.problem("possible-answer-unreadable", "ground_truth must be a list of {function: {param: [values]}}", "ground_truth");
  const calls: RecordToolCall[] = [];
  for (const [index, entry] of truth.entries()) {
    if (!isJsonObject(entry) || Object.keys(entry).length !== 1) return context.problem("possible-answer-unreadable", "each ground-truth call is one {name: {param: [values]}} object", `ground_truth[${index}]`);
    const [name, parameters] = Object.entries(entry)[0]!;
    const args: JsonObject = {};
    if (isJsonObject(parameters)) {
      for (const [parameter, candidates] of Object.entries(parameters)) {
        const chosen = firstCandidate(candidates);
        if (chosen) args[parameter] = chosen.value;
      }
    }
    calls.push({ id: "", type: "function", function: { name, arguments: args } });
  }
  messages.push({ role: "assistant", content: null, tool_calls: calls });
  return context.finish(messages, tools, { extra });
}

export async function* importBfclFile(file: string, options: ImportOptions): AsyncGenerator<ImportOutcome> {
  if (/^BFCL_v\d+_multi_turn_/.test(basename(file))) {
    yield* importBfclMultiTurnFile(file, options);
    return;
  }
  const answers = await loadPossibleAnswers(file);
  for await (const row of readJsonLines(file)) {
    const id = isJsonObject(row.value) && typeof row.value.id === "string" ? row.value.id : undefined;
    const context = new RowContext(file, "bfcl", row, { licence: "Apache-2.0", ...options }, id);
    if (row.error !== undefined) {
      yield context.problem("invalid-json", row.error);
      continue;
    }
    yield importBfclRow(row.value, context, answers);
  }
}
