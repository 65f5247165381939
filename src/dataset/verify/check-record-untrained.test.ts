// A call on an untrained turn (weight 0: the rejected call of an error-recovery row) is reported, but as a warning.
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../record.js";
import { checkRecord } from "./check-record.js";
import { SchemaCache } from "./schema-cache.js";

const tools: DatasetRecord["tools"] = [{ type: "function", function: { name: "find_customer", parameters: { type: "object", properties: { email: { type: "string" } }, required: ["email"], additionalProperties: false } } }];

function row(weight: 0 | undefined): DatasetRecord {
  return {
    tools,
    meta: { id: "r1", source: { format: "trace" } },
    messages: [
      { role: "user", content: "who is a@b.c?" },
      { role: "assistant", content: null, ...(weight === 0 ? { weight } : {}), tool_calls: [{ id: "c1", type: "function", function: { name: "find_customer", arguments: { emial: "a@b.c" } } }] },
      { role: "tool", tool_call_id: "c1", name: "find_customer", content: '{"ok":false,"error":{"code":"invalid_arguments"}}' },
      { role: "assistant", content: null, tool_calls: [{ id: "c2", type: "function", function: { name: "find_customer", arguments: { email: "a@b.c" } } }] },
      { role: "tool", tool_call_id: "c2", name: "find_customer", content: '{"ok":true,"result":{}}' },
      { role: "assistant", content: "Found." },
    ],
  };
}

describe("checkRecord on untrained turns", () => {
  it("reports the bad call of a weight-0 turn as a warning and the same call on a trained turn as an error", () => {
    const untrained = checkRecord(row(0), new SchemaCache()).filter((defect) => defect.kind === "arguments-schema");
    const trained = checkRecord(row(undefined), new SchemaCache()).filter((defect) => defect.kind === "arguments-schema");
    expect(untrained.length).toBeGreaterThan(0);
    expect(untrained.length).toBe(trained.length);
    for (const defect of untrained) expect(defect).toMatchObject({ severity: "warning", field: "messages[1].tool_calls[0].function.arguments", message: expect.stringContaining("untrained turn, kept as context") });
    for (const defect of trained) expect(defect).toMatchObject({ severity: "error", field: "messages[1].tool_calls[0].function.arguments" });
    // The trained correction (messages[3]) is clean in both.
    expect(checkRecord(row(0), new SchemaCache()).filter((defect) => defect.field?.startsWith("messages[3]"))).toEqual([]);
  });
});
