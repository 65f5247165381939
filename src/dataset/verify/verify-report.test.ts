// verify on real samples and on hand-made defects: OpenAI's format checks, the tool checks, counts with row ids, and
// --fix repairing only what is lossless (and recording each repair).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import type { DatasetRecord } from "../record.js";
import { verifyFile, verifyHasErrors } from "./verify-report.js";

function jsonl(rows: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "verify-")), "rows.jsonl");
  writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  return file;
}

const weatherTool = { type: "function", function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city"] } } };

describeWithShared("verify on the shared samples", () => {
  it("finds exactly the 6 double-encoded arguments of the 2024-06-13 drone file and fixes them", async () => {
    const file = sharedPath("data", "finetune", "openai-cookbook-drone", "drone_training.v2024-06-13_a7e107d.jsonl");
    const fixed: DatasetRecord[] = [];
    const report = await verifyFile(file, { fix: true, onRecord: (record) => void fixed.push(record) });
    expect(report.defects["arguments-double-encoded"]).toMatchObject({ severity: "error", count: 6, rows: 6, fixable: 6 });
    expect(report.defects["arguments-double-encoded"]!.rowIds[0]).toMatch(/^drone_training\.v2024-06-13_a7e107d:L\d+$/);
    expect(report.defects["call-id-placeholder"]!.rows).toBe(87);
    expect(report.fixed["arguments-double-encoded"]).toBe(6);
    expect(verifyHasErrors(report)).toBe(true);
    const repairedRows = fixed.filter((record) => record.meta.repairs?.some((repair) => repair.step === "verify --fix"));
    expect(repairedRows).toHaveLength(6);
    expect(repairedRows.every((record) => record.messages.every((message) => message.role !== "assistant" || message.tool_calls?.every((call) => typeof call.function.arguments === "object")))).toBe(true);
  });

  it("the current drone file has no errors", async () => {
    const report = await verifyFile(sharedPath("data", "finetune", "openai-cookbook-drone", "drone_training.jsonl"));
    expect(verifyHasErrors(report)).toBe(false);
    expect(report.rows).toBe(103);
  });

  it("Seal-Tools: Python type names are dialect warnings, numbers written as text are fixable errors", async () => {
    const report = await verifyFile(sharedPath("data", "finetune", "hammer", "test", "original", "sealtool.json"), { fix: true });
    expect(report.defects["schema-dialect"]!.count).toBe(3288);
    expect(report.defects["arguments-value-as-string"]!.fixable).toBe(report.defects["arguments-value-as-string"]!.count);
    expect(report.fixed["schema-dialect"]).toBeGreaterThan(0);
  });
}, "data", "finetune");

describe("verify on hand-made defects", () => {
  it("reports OpenAI format errors with their row and field", async () => {
    const file = jsonl([{ messages: [{ role: "user", content: "hi", extra: 1 }, { role: "robot", content: "x" }] }, { nope: true }]);
    const report = await verifyFile(file, { format: "openai" });
    expect(report.defects["openai:message_unrecognized_key"]).toMatchObject({ count: 1, rowIds: ["rows:L1"] });
    expect(report.rejected).toBe(2);
    expect(report.defects["rejected:unknown-role"]!.example).toContain("rows.jsonl:1");
    expect(report.defects["rejected:missing-messages"]!.example).toContain("rows.jsonl:2");
  });

  it("checks call names, schema, pairing, names and text beside calls", async () => {
    const row = {
      messages: [
        { role: "user", content: "weather in Oslo for 2 days" },
        { role: "assistant", content: "Let me look.", tool_calls: [
          { id: "a", type: "function", function: { name: "weather", arguments: '{"days": "2"}' } },
          { id: "b", type: "function", function: { name: "forecast.v2", arguments: "{}" } },
        ] },
        { role: "tool", tool_call_id: "a", content: "{'t': 3}" },
        { role: "tool", tool_call_id: "zzz", content: '{"t": ' },
        { role: "user", content: "thanks" },
        { role: "assistant", content: "ok" },
      ],
      tools: [weatherTool],
    };
    const report = await verifyFile(jsonl([row]), { format: "openai" });
    const kinds = Object.keys(report.defects);
    expect(kinds).toEqual(expect.arrayContaining(["arguments-schema", "arguments-value-as-string", "call-name-unknown", "call-name-invalid", "text-beside-calls", "tool-result-unpaired", "tool-call-unanswered", "tool-result-python-repr"]));
    expect(report.defects["arguments-schema"]!.example).toContain('missing required "city"');
  });

  it("--fix coerces '2' to 2 for an integer parameter and maps BFCL's dict/float, recording both", async () => {
    const row = {
      messages: [{ role: "user", content: "x" }, { role: "assistant", content: null, tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: '{"n": "2", "r": "1.5"}' } }] }],
      tools: [{ type: "function", function: { name: "f", parameters: { type: "dict", properties: { n: { type: "integer" }, r: { type: "float" } } } } }],
    };
    const records: DatasetRecord[] = [];
    await verifyFile(jsonl([row]), { fix: true, onRecord: (record) => void records.push(record) });
    const call = records[0]!.messages[1]!;
    expect(call.role === "assistant" && call.tool_calls![0]!.function.arguments).toEqual({ n: 2, r: 1.5 });
    expect(records[0]!.tools[0]!.function.parameters).toEqual({ type: "object", properties: { n: { type: "integer" }, r: { type: "number" } } });
    expect(records[0]!.meta.repairs!.map((repair) => repair.kind)).toEqual(["schema-dialect", "arguments-value-as-string", "arguments-value-as-string"]);
  });

  it("--fix leaves lossy changes alone: an invalid tool name stays and stays reported", async () => {
    const row = { messages: [{ role: "user", content: "x" }, { role: "assistant", content: "y" }], tools: [{ type: "function", function: { name: "a.b", parameters: { type: "object", properties: {} } } }] };
    const records: DatasetRecord[] = [];
    const report = await verifyFile(jsonl([row]), { fix: true, onRecord: (record) => void records.push(record) });
    expect(report.defects["tool-name-invalid"]!.fixable).toBe(0);
    expect(records[0]!.tools[0]!.function.name).toBe("a.b");
    expect(records[0]!.meta.repairs).toBeUndefined();
  });
});
