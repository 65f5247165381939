// Importers on the real shared samples: every row imported or rejected with a located reason, the quirks each
// PROVENANCE.md counts found again, and the format detected without --format.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import type { DatasetRecord, RowProblem } from "../record.js";
import { toolCallsOf } from "../record.js";
import { importFile } from "./import-file.js";

async function importAll(file: string, format?: DatasetRecord["meta"]["source"]["format"]): Promise<{ records: DatasetRecord[]; problems: RowProblem[] }> {
  const records: DatasetRecord[] = [];
  const problems: RowProblem[] = [];
  for await (const outcome of importFile(file, format ? { format } : {})) {
    if (outcome.record) records.push(outcome.record);
    else problems.push(outcome.problem);
  }
  return { records, problems };
}

const finetune = (...parts: string[]) => sharedPath("data", "finetune", ...parts);

describeWithShared("importers on the shared fine-tuning samples", () => {
  it("OpenAI drone file: 87 rows, the 6 double-encoded arguments kept as strings for verify to find", async () => {
    const { records, problems } = await importAll(finetune("openai-cookbook-drone", "drone_training.v2024-06-13_a7e107d.jsonl"));
    expect(problems).toEqual([]);
    expect(records).toHaveLength(87);
    const stringArguments = records.flatMap((record) => toolCallsOf(record)).filter(({ call }) => typeof call.function.arguments === "string");
    expect(stringArguments).toHaveLength(6);
    expect(records[0]!.meta.source).toMatchObject({ format: "openai", line: 1 });
    expect(records[0]!.tools).toHaveLength(16);
  });

  it("xLAM-style Seal-Tools: tool/parameters answers read as calls, Python types kept for verify", async () => {
    const { records } = await importAll(finetune("hammer", "test", "original", "sealtool.json"));
    expect(records).toHaveLength(294);
    expect(records.every((record) => record.meta.repairs?.some((repair) => repair.kind === "answer-keys-tool-parameters"))).toBe(true);
    expect(JSON.stringify(records.map((record) => record.tools))).toMatch(/"type":"(str|int)"/);
  });

  it("Hammer API-Bank: agent turns, fenced call lists and Python-repr results become a conversation", async () => {
    const { records } = await importAll(finetune("hammer", "test", "original", "apibank_l2.json"));
    expect(records).toHaveLength(127);
    const withResults = records.find((record) => record.messages.some((message) => message.role === "tool"))!;
    const tool = withResults.messages.find((message) => message.role === "tool")!;
    expect(tool.role === "tool" && tool.tool_call_id).toMatch(/^call_\d+$/);
  });

  it("LLaMA-Factory ShareGPT: function_call/observation turns, tools as JSON text", async () => {
    const { records, problems } = await importAll(finetune("llama-factory", "glaive_toolcall_en_demo.json"));
    expect(problems).toEqual([]);
    expect(records).toHaveLength(300);
    const first = records[0]!;
    expect(first.meta.source.format).toBe("sharegpt");
    expect(first.tools[0]!.function.name).toBe("search_recipes");
    const call = toolCallsOf(first)[0]!.call;
    expect(call.function.arguments).toEqual({ ingredients: ["chicken", "bell peppers", "rice"] });
    const result = first.messages.find((message) => message.role === "tool");
    expect(result).toMatchObject({ tool_call_id: call.id, name: "search_recipes" });
  });

  it("LLaMA-Factory typed parts: reasoning kept apart, parallel results split per call", async () => {
    const { records } = await importAll(finetune("llama-factory", "reason_tool_use_demo_50.jsonl"));
    expect(records).toHaveLength(50);
    const row = records[2]!;
    const assistant = row.messages[2]!;
    expect(assistant.role === "assistant" && assistant.reasoning).toMatch(/^Okay/);
    expect(assistant.role === "assistant" && assistant.tool_calls?.length).toBe(2);
    expect(row.messages.filter((message) => message.role === "tool")).toHaveLength(5);
  });

  it("Hermes data-genie: Python-dict calls inside ```tool_call fences and Python-repr tools are converted and recorded", async () => {
    const { records } = await importAll(finetune("hermes-fc-data-genie-examples", "sharegpt_new_format.json"));
    expect(records).toHaveLength(1);
    const kinds = records[0]!.meta.repairs!.map((repair) => repair.kind);
    expect(kinds).toEqual(expect.arrayContaining(["tools-python-literal", "call-python-literal", "tool-result-python-literal"]));
    expect(toolCallsOf(records[0]!)).toHaveLength(2);
    expect(toolCallsOf(records[0]!).every(({ call }) => typeof call.function.arguments === "object")).toBe(true);
  });

  it("Hermes sharegpt_example: the malformed tool_call_id JSON is mended and recorded, not dropped", async () => {
    const { records } = await importAll(finetune("hermes-fc-data-genie-examples", "sharegpt_example.json"));
    expect(records.flatMap((record) => record.meta.repairs ?? []).filter((repair) => repair.kind === "tool-result-json-mended")).toHaveLength(3);
  });

  it("Hermes few-shot text transcripts: <tools> and <tool_call> blocks", async () => {
    const { records } = await importAll(finetune("hermes-function-calling", "few_shot.json"));
    expect(records).toHaveLength(2);
    expect(records[0]!.tools.map((tool) => tool.function.name)).toEqual(["calculate_distance", "generate_password"]);
    expect(toolCallsOf(records[1]!)[0]!.call.function).toEqual({ name: "generate_password", arguments: { length: 8 } });
  });

  it("τ-bench: trajectories without schemas; reused call ids renamed and results still paired", async () => {
    const { records } = await importAll(finetune("tau-bench-trajectories", "gpt-4o-airline.first50.json"));
    expect(records).toHaveLength(50);
    expect(records[0]!.meta.id).toBe("task-0-trial-0");
    expect(records[0]!.tools).toEqual([]);
    const renamed = records.flatMap((record) => record.meta.repairs ?? []).filter((repair) => repair.kind === "call-id-duplicate");
    expect(renamed.length).toBeGreaterThan(0);
    for (const record of records) {
      const ids = new Set(toolCallsOf(record).map(({ call }) => call.id));
      for (const message of record.messages) if (message.role === "tool") expect(ids.has(message.tool_call_id)).toBe(true);
    }
  });

  it("refuses model-output files with the reason", async () => {
    await expect(importAll(finetune("hammer", "example_eval.jsonl"))).rejects.toThrow(/label, predict/);
  });
}, "data", "finetune");

describeWithShared("BFCL questions + possible answers", () => {
  it("simple: the first allowed value of each parameter, '' meaning omitted", async () => {
    const { records } = await importAll(sharedPath("data", "bfcl", "BFCL_v4_simple_python.json"));
    expect(records.length).toBe(400);
    expect(records[0]!.meta.id).toBe("simple_python_0");
    expect(toolCallsOf(records[0]!)[0]!.call.function).toEqual({ name: "calculate_triangle_area", arguments: { base: 10, height: 5, unit: "units" } });
  });
  it("irrelevance rows become no-call rows; multi-turn rows outside a BFCL data folder are rejected with the reason", async () => {
    const irrelevance = await importAll(sharedPath("data", "bfcl", "BFCL_v4_irrelevance.json"));
    expect(irrelevance.records.every((record) => record.meta.category === "no-call")).toBe(true);
    // Executing multi-turn ground truth needs the folder's possible answers and function docs (import-bfcl-multi-turn.test.ts).
    const dir = mkdtempSync(join(tmpdir(), "bfcl-mt-"));
    const file = join(dir, "questions.json");
    writeFileSync(file, `${readFileSync(sharedPath("data", "bfcl", "BFCL_v4_multi_turn_base.json"), "utf8").split("\n")[0]}\n`);
    const multi = await importAll(file, "bfcl");
    rmSync(dir, { recursive: true, force: true });
    expect(multi.records).toEqual([]);
    expect(multi.problems[0]).toMatchObject({ kind: "multi-turn-needs-execution", rowId: "multi_turn_base_0" });
  });
}, "data", "bfcl");

describe("Glaive text rows and bad input", () => {
  it("reads <functioncall> with a single-quoted arguments string and records the repair", async () => {
    const dir = mkdtempSync(join(tmpdir(), "glaive-"));
    const file = join(dir, "glaive.jsonl");
    const system = 'SYSTEM: You are a helpful assistant with access to the following functions. Use them if required -\n{\n    "name": "get_price",\n    "parameters": {"type": "object", "properties": {"symbol": {"type": "string"}}, "required": ["symbol"]}\n}';
    const chat = "USER: Price of AAPL?\n\n\nASSISTANT: <functioncall> {\"name\": \"get_price\", \"arguments\": '{\"symbol\": \"AAPL\"}'} <|endoftext|>\n\n\nFUNCTION RESPONSE: {\"price\": 150}\n\n\nASSISTANT: It is $150. <|endoftext|>";
    writeFileSync(file, `${JSON.stringify({ system, chat })}\nnot json\n`);
    const { records, problems } = await importAll(file);
    expect(records).toHaveLength(1);
    expect(records[0]!.meta.source.format).toBe("glaive");
    expect(records[0]!.tools[0]!.function.name).toBe("get_price");
    expect(records[0]!.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool", "assistant"]);
    expect(toolCallsOf(records[0]!)[0]!.call.function.arguments).toEqual({ symbol: "AAPL" });
    expect(records[0]!.meta.repairs?.map((repair) => repair.kind)).toContain("call-single-quoted-arguments");
    expect(problems).toEqual([expect.objectContaining({ kind: "invalid-json", line: 2, file })]);
  });

  it("legacy OpenAI functions/function_call/role function become tools, calls and paired results", async () => {
    const dir = mkdtempSync(join(tmpdir(), "legacy-"));
    const file = join(dir, "legacy.jsonl");
    const row = {
      messages: [
        { role: "user", content: "weather?" },
        { role: "assistant", content: null, function_call: { name: "weather", arguments: '{"city": "Oslo"}' } },
        { role: "function", name: "weather", content: '{"t": 3}' },
        { role: "assistant", content: "3 degrees" },
      ],
      functions: [{ name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } }],
    };
    writeFileSync(file, `${JSON.stringify(row)}\n`);
    const { records } = await importAll(file);
    const record = records[0]!;
    expect(record.tools[0]!.function.name).toBe("weather");
    expect(record.messages[2]).toEqual({ role: "tool", tool_call_id: "call_1", name: "weather", content: '{"t": 3}' });
    expect(record.meta.repairs!.map((repair) => repair.kind)).toEqual(expect.arrayContaining(["legacy-function-call", "legacy-function-message", "legacy-functions"]));
  });
});
