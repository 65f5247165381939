// The model side of a multi-turn entry: instances change as gated calls run, floats stay floats, withheld functions stay hidden.
import { expect, it } from "vitest";
import { runAgent } from "../../../agent/index.js";
import { scriptedModel } from "../../../model/index.js";
import { sharedPath, describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import type { BfclLine } from "../checker/index.js";
import { loadQuestions } from "../checker/index.js";
import { createMultiTurnEnvironment } from "./multi-turn-environment.js";
import { loadMultiTurnFunctionDocs } from "./multi-turn-function-docs.js";

const dataDir = whenShared(["data", "bfcl"], () => sharedPath("data", "bfcl"), "");
const docs = whenShared(["data", "bfcl"], () => loadMultiTurnFunctionDocs(dataDir), undefined as unknown as ReturnType<typeof loadMultiTurnFunctionDocs>);
const question = (category: string, index: number) => loadQuestions(dataDir, category)[index] as BfclLine;
const environmentOf = (line: BfclLine) => createMultiTurnEnvironment({ id: line.id, questionText: line.text, docs, modelName: "m" });

describeWithShared("createMultiTurnEnvironment", () => {
  it("changes the model-side instances only through calls the gate let through", async () => {
    const environment = environmentOf(question("multi_turn_base", 0));
    // A fresh side of the same entry, for the state before any call.
    const before = environmentOf(question("multi_turn_base", 0)).side.execute(["cd(folder='document')", "ls()"]);
    expect(before[1]).toBe('{"current_directory_content": ["final_report.pdf", "previous_report.pdf"]}');

    const model = scriptedModel([
      {
        toolCalls: [
          { name: "cd", arguments: '{"folder": "document"}' },
          // Off the schema (dir_name is a string): the gate refuses it, so no directory "5" appears.
          { name: "mkdir", arguments: '{"dir_name": 5}' },
          { name: "mkdir", arguments: '{"dir_name": "temp"}' },
        ],
      },
      { toolCalls: [{ name: "mv", arguments: '{"source": "final_report.pdf", "destination": "temp"}' }] },
      "Moved.",
    ]);
    const trace = await runAgent({ model, tools: environment.registry, sink: environment.sink, maxParallelCalls: 1, messages: [{ role: "user", content: "move it" }] });

    expect(trace.calls.map((call) => call.status)).toEqual(["succeeded", "rejected", "succeeded", "succeeded"]);
    expect(trace.calls[1]?.verdicts.at(-1)).toMatchObject({ stage: "validate", outcome: "fail" });
    // The model sees what the reference's execution returns, as the result string.
    expect(trace.calls.map((call) => call.outcome)).toEqual([
      { ok: true, result: '{"current_working_directory": "document"}' },
      { ok: false, error: expect.objectContaining({ code: "invalid_arguments" }) },
      { ok: true, result: "None" },
      { ok: true, result: `{"result": "'final_report.pdf' moved to 'temp/final_report.pdf'"}` },
    ]);
    expect(environment.side.execute(["ls()", "cd(folder='temp')", "ls()"])).toEqual([
      '{"current_directory_content": ["previous_report.pdf", "temp"]}',
      '{"current_working_directory": "temp"}',
      '{"current_directory_content": ["final_report.pdf"]}',
    ]);
  });

  it("runs the argument text the model sent, so 3.0 reaches the API as a float and 3 as an int", async () => {
    const line = '{"id": "multi_turn_base_900", "question": [[{"role": "user", "content": "add"}]], "initial_config": {}, "involved_classes": ["MathAPI"]}';
    const environment = createMultiTurnEnvironment({ id: "multi_turn_base_900", questionText: line, docs, modelName: "m" });
    const model = scriptedModel([{ toolCalls: [{ name: "add", arguments: '{"a": 3.0, "b": 4}' }, { name: "add", arguments: '{"a": 3, "b": 4}' }] }, "7"]);
    const trace = await runAgent({ model, tools: environment.registry, sink: environment.sink, maxParallelCalls: 1, messages: [{ role: "user", content: "add" }] });
    expect(trace.calls.map((call) => call.outcome)).toEqual([
      { ok: true, result: '{"result": 7.0}' },
      { ok: true, result: '{"result": 7}' },
    ]);
  });

  it("names the fix when its tools run without the environment's sink", async () => {
    const environment = environmentOf(question("multi_turn_base", 0));
    const model = scriptedModel([{ toolCalls: [{ name: "pwd", arguments: "{}" }] }, "done"]);
    const trace = await runAgent({ model, tools: environment.registry, messages: [{ role: "user", content: "where am I" }] });
    expect(trace.calls[0]?.status).toBe("failed");
    expect(JSON.stringify(trace.calls[0]?.outcome)).toContain("pass the environment's sink to runAgent or createSession");
  });

  it("offers the involved classes' functions minus excluded ones, withholding missed ones until their turn", () => {
    const base = environmentOf(question("multi_turn_base", 0));
    const names = base.registry.tools.map((tool) => tool.name);
    expect(names).toContain("post_tweet");
    expect(names).toContain("mv");
    expect(names).not.toContain("cp");
    expect(new Set(base.registry.tools.map((tool) => tool.area))).toEqual(new Set(["TwitterAPI", "GorillaFileSystem"]));
    expect(base.holdoutTurns.size).toBe(0);

    const missFunc = environmentOf(question("multi_turn_miss_func", 0));
    expect(missFunc.holdoutTurns).toEqual(new Set([3]));
    expect(missFunc.registry.tools.at(-1)?.name).toBe("sort");
    for (const turn of [0, 1, 2]) expect(missFunc.toolsAt(turn).get("sort"), `turn ${turn}`).toBeUndefined();
    for (const turn of [3, 4]) expect(missFunc.toolsAt(turn).get("sort"), `turn ${turn}`).toBeDefined();
    expect(missFunc.toolsAt(3).tools).toHaveLength(missFunc.toolsAt(0).tools.length + 1);
  });

  it("reads a long-context entry's padded scenario", () => {
    const plain = environmentOf(question("multi_turn_base", 0)).side.execute(["cd(folder='document')", "ls()"])[1] as string;
    const long = environmentOf(question("multi_turn_long_context", 0)).side.execute(["cd(folder='document')", "ls()"])[1] as string;
    expect(long.length).toBeGreaterThan(plain.length);
  });
}, "data", "bfcl");
