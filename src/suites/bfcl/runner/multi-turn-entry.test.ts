// One multi-turn entry: steps recorded as BFCL records them, BFCL's step limit, inference failures and the miss_func prompt.
import { expect, it } from "vitest";
import type { ModelAdapter, ModelRequest } from "../../../model/index.js";
import { scriptedModel } from "../../../model/index.js";
import { sharedPath, describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import type { BfclLine } from "../checker/index.js";
import { loadQuestions, parsePyJson, PyDict } from "../checker/index.js";
import { additionalFunctionPrompt, maximumStepLimit, runMultiTurnEntry } from "./multi-turn-entry.js";
import { loadMultiTurnFunctionDocs } from "./multi-turn-function-docs.js";
import { judgeMultiTurnEntry } from "./multi-turn-verdicts.js";

const dataDir = whenShared(["data", "bfcl"], () => sharedPath("data", "bfcl"), "");
const docs = whenShared(["data", "bfcl"], () => loadMultiTurnFunctionDocs(dataDir), undefined as unknown as ReturnType<typeof loadMultiTurnFunctionDocs>);

function lineOf(text: string): BfclLine {
  const value = parsePyJson(text);
  if (!(value instanceof PyDict)) throw new TypeError("not an object");
  return { id: value.get("id") as string, value, text, json: JSON.parse(text) as Record<string, unknown> };
}

const mathQuestion = lineOf(
  '{"id": "multi_turn_base_901", "question": [[{"role": "user", "content": "add 1.5 and 2"}], [{"role": "user", "content": "thanks"}]], "initial_config": {}, "involved_classes": ["MathAPI"]}',
);
const mathAnswer = lineOf('{"id": "multi_turn_base_901", "ground_truth": [["add(a=1.5, b=2)"], []]}');
const run = (question: BfclLine, model: ModelAdapter) => runMultiTurnEntry({ question, category: "multi_turn_base", docs, model, modelName: "m", digest: "d" });

describeWithShared("runMultiTurnEntry", () => {
  it("records per turn and per step the calls as the model wrote them, and each turn's closing text", async () => {
    const model = scriptedModel([{ toolCalls: [{ name: "add", arguments: '{"a": 1.5, "b": 2}' }] }, "3.5", "You're welcome."]);
    const { line, result, traces, forceTerminated } = await run(mathQuestion, model);
    expect(line.result).toEqual([[[{ add: '{"a": 1.5, "b": 2}' }], "3.5"], ["You're welcome."]]);
    expect(line.input_token_count).toEqual([[10, 0], [0]]);
    expect((line.latency as number[][]).map((turn) => turn.length)).toEqual([2, 1]);
    expect(forceTerminated).toBe(false);
    // The second turn continues the first one's conversation, tool result included.
    expect(model.requests[2]?.messages.map((message) => message.role)).toEqual(["user", "assistant", "tool", "assistant", "user"]);
    expect(traces[0]?.calls[0]?.outcome).toEqual({ ok: true, result: '{"result": 3.5}' });
    expect(result).toMatchObject({ id: "multi_turn_base_901", category: "multi_turn_base", kind: "effects", steps: 3, gate: { calls: 1, succeeded: 1 } });
    expect(judgeMultiTurnEntry(line, mathQuestion, mathAnswer)).toEqual({ valid: true });
  });

  it("stops the entry once a turn makes calls in more than BFCL's 20 steps, which the checker fails as force-terminated", async () => {
    const model: ModelAdapter = {
      id: "looping",
      generate: async () => ({ text: "", toolCalls: [{ id: "c", name: "add", arguments: '{"a": 1.5, "b": 2}' }], usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, finishReason: "tool-calls" }),
    };
    const { line, forceTerminated } = await run(mathQuestion, model);
    expect(forceTerminated).toBe(true);
    expect(line.result).toHaveLength(1);
    expect((line.result as unknown[][])[0]).toHaveLength(maximumStepLimit + 1);
    expect(judgeMultiTurnEntry(line, mathQuestion, mathAnswer)).toMatchObject({ valid: false, errorType: "multi_turn:force_terminated" });
  });

  it("writes an inference error when the model cannot be reached, and reports the case as an error", async () => {
    const model: ModelAdapter = {
      id: "down",
      generate: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:9");
      },
    };
    const { line, result } = await run(mathQuestion, model);
    expect(line).toEqual({ id: "multi_turn_base_901", result: "Error during inference: connect ECONNREFUSED 127.0.0.1:9", input_token_count: 0, output_token_count: 0, latency: 0 });
    expect(result).toMatchObject({ status: "error", error: "connect ECONNREFUSED 127.0.0.1:9" });
    expect(judgeMultiTurnEntry(line, mathQuestion, mathAnswer)).toMatchObject({ valid: false, errorType: "multi_turn:inference_error" });
  });

  it("hands a miss_func model its withheld function with BFCL's prompt, in the turn that adds it", async () => {
    const question = loadQuestions(dataDir, "multi_turn_miss_func")[0] as BfclLine;
    const requests: ModelRequest[] = [];
    const model: ModelAdapter = {
      id: "quiet",
      generate: async (request) => {
        requests.push(request);
        return { text: "ok", toolCalls: [], usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, finishReason: "stop" };
      },
    };
    const { line } = await run(question, model);
    expect(line.result).toEqual([["ok"], ["ok"], ["ok"], ["ok"], ["ok"]]);
    const lastUser = (request: ModelRequest) => request.messages.filter((message) => message.role === "user").at(-1)?.content;
    expect(lastUser(requests[3] as ModelRequest)).toBe(additionalFunctionPrompt);
    expect(requests.map((request) => request.tools.some((tool) => tool.name === "sort"))).toEqual([false, false, false, true, true]);
  });
}, "data", "bfcl");
