// BFCL multi-turn questions + ground truth → ground-truth conversations with real tool results. The ground truth is
// only call text per turn (`cd(folder='x')`, `sort('a.txt')`); the results come from running it: BFCL's own replay
// turns it into function-calling steps (positional arguments named from the function docs), a model that proposes
// exactly those steps answers each turn, and the BFCL runner executes them against the simulated APIs through the gate,
// as it does for a real model. Nothing is invented: a call the APIs or the gate refuse rejects the entry, with why.
import { basename, dirname } from "node:path";
import type { ModelAdapter, ModelRequest, ModelResponse } from "../../model/index.js";
import type { ChatMessage } from "../../record/index.js";
import { emptyUsage } from "../../record/index.js";
import type { JsonObject, RecordTool } from "../record.js";
import { dropTrailingResults, recordMessagesOf } from "./chat-messages.js";
import type { ImportOptions, ImportOutcome } from "./row-builder.js";
import { RowContext } from "./row-builder.js";

/** One ground-truth turn as BFCL's replay writes it: steps of calls, each `{name: "<JSON arguments>"}`. */
type ReplayedTurn = Array<Array<Record<string, string>>>;

/**
 * The gate runs at most this many calls of one step (its default per-step cap) and refuses the rest; a few long-context
 * ground truths make more in one turn, so the stand-in model proposes them in consecutive steps of at most this many.
 */
const callsPerStep = 32;

/** The model BFCL's ground truth would be: per user turn, the turn's calls (in steps of at most 32), then an empty answer. */
function groundTruthModel(replayed: readonly ReplayedTurn[]): ModelAdapter {
  const turns = replayed.map((steps) => steps.flatMap((step) => Array.from({ length: Math.ceil(step.length / callsPerStep) }, (_, index) => step.slice(index * callsPerStep, (index + 1) * callsPerStep))));
  let calls = 0;
  return {
    id: "bfcl-ground-truth",
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const turn = request.messages.filter((message) => message.role === "user").length - 1;
      const last = request.messages.at(-1);
      // The turn's steps already ran when the newest message is a tool result: the turn ends without words.
      const stepsDone = last?.role === "tool" ? countStepsSinceUser(request.messages) : 0;
      const step = turns[turn]?.[stepsDone];
      if (step === undefined || step.length === 0) return { text: "", toolCalls: [], usage: emptyUsage(), finishReason: "stop" };
      const toolCalls = step.map((call) => {
        const [name, args] = Object.entries(call)[0]!;
        calls += 1;
        return { id: `call_${calls}`, name, arguments: args };
      });
      return { text: "", toolCalls, usage: emptyUsage(), finishReason: "tool-calls" };
    },
  };
}

function countStepsSinceUser(messages: readonly ChatMessage[]): number {
  let steps = 0;
  for (let index = messages.length - 1; index >= 0 && messages[index]!.role !== "user"; index--) if (messages[index]!.role === "assistant") steps += 1;
  return steps;
}

/** The category a BFCL file holds, from its name (`BFCL_v4_multi_turn_base.json` → `multi_turn_base`). */
function bfclCategoryOfFile(file: string): string {
  return basename(file).replace(/^BFCL_v\d+_/, "").replace(/\.jsonl?$/i, "");
}

export async function* importBfclMultiTurnFile(file: string, options: ImportOptions & { limit?: number }): AsyncGenerator<ImportOutcome> {
  const dataDir = dirname(file);
  const category = bfclCategoryOfFile(file);
  // Loaded only here: scoring or importing single-turn files never loads the loop or the simulated APIs.
  const { loadMultiTurnEntries, runMultiTurnEntry } = await import("../../suites/bfcl/runner/index.js");
  const { replayGroundTruth } = await import("../../suites/bfcl/checker/index.js");
  const { entries, docs } = loadMultiTurnEntries({ dataDir, categories: [category], ...(options.limit !== undefined ? { limit: options.limit } : {}) });
  const replayed = new Map<string, ReplayedTurn[]>();
  for (const line of replayGroundTruth(dataDir, category)) {
    const parsed = JSON.parse(line) as { id: string; result: ReplayedTurn[] };
    replayed.set(parsed.id, parsed.result);
  }
  for (const [index, entry] of entries.entries()) {
    const id = entry.question.id;
    const context = new RowContext(file, "bfcl", { value: id, index }, { licence: "Apache-2.0", ...options }, id);
    const turns = replayed.get(id);
    if (!turns) {
      yield context.problem("missing-possible-answer", `no ground truth for ${id}`, "ground_truth");
      continue;
    }
    if (category.includes("miss_func")) {
      // A row has one tool list; here functions appear mid-conversation, and the turns before must not see them.
      yield context.problem("tools-change-mid-conversation", `${id}: functions are added at a later turn (miss_func), which one row's tool list cannot express`, "missed_function");
      continue;
    }
    const run = await runMultiTurnEntry({ question: entry.question, category, docs, model: groundTruthModel(turns), modelName: "toolgate-ground-truth", digest: "" });
    if (run.result.status === "error" || run.forceTerminated) {
      yield context.problem("ground-truth-not-executable", `${id}: ${run.result.error ?? "the run was cut off at the step limit"}`);
      continue;
    }
    const refused = run.traces.flatMap((trace) => trace.calls).find((call) => call.status !== "succeeded");
    if (refused) {
      const why = refused.outcome.ok ? refused.status : `${refused.outcome.error.code}: ${refused.outcome.error.message}`;
      yield context.problem("ground-truth-call-refused", `${id}: ground-truth call ${refused.proposed.name}(${refused.proposed.arguments}) was ${refused.status} (${why})`);
      continue;
    }
    const final = run.traces.at(-1)!;
    // The empty answers that close each turn are the stand-in model's, not BFCL's: the ground truth has no words.
    const conversation = [...final.input, ...final.output].filter((message) => !(message.role === "assistant" && message.content === "" && (message.toolCalls ?? []).length === 0));
    const messages = recordMessagesOf(conversation, context);
    const dropped = dropTrailingResults(messages);
    if (dropped > 0) context.repair("trailing-results-dropped", `messages[${messages.length}]`, `${dropped} result(s) of the last turn's calls: the ground truth has no answer after them`);
    const tools: RecordTool[] = run.environment.registry.specs().map((spec) => ({ type: "function", function: { name: spec.name, description: spec.description, parameters: spec.inputSchema } }));
    const extra: JsonObject = { bfclCategory: category, turns: turns.length, calls: run.traces.reduce((sum, trace) => sum + trace.calls.length, 0) };
    yield context.finish(messages, tools, { conversationId: id, extra, category: "multi-turn" });
  }
}
