// Dedupe on real samples (the drone file's exact duplicate, Glaive demo's repeated rows) and on made-up near-duplicates
// and growing prefixes of one conversation, each cluster keeping one row by the stated rule.
import { expect, it } from "vitest";
import { describe } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import type { DatasetRecord } from "../record.js";
import { importFile } from "../import/import-file.js";
import { applyDedupe, findDuplicates } from "./dedupe.js";

async function load(file: string): Promise<DatasetRecord[]> {
  const records: DatasetRecord[] = [];
  for await (const outcome of importFile(file)) if (outcome.record) records.push(outcome.record);
  return records;
}

function chat(id: string, ...turns: string[]): DatasetRecord {
  return { messages: turns.map((content, index) => (index % 2 === 0 ? { role: "user" as const, content } : { role: "assistant" as const, content })), tools: [], meta: { id, source: { format: "canonical" } } };
}

describeWithShared("dedupe on the shared samples", () => {
  it("finds the 2024-06-13 drone file's one exact duplicate and keeps the first", async () => {
    const report = await findDuplicates(await load(sharedPath("data", "finetune", "openai-cookbook-drone", "drone_training.v2024-06-13_a7e107d.jsonl")));
    expect(report.removed).toEqual([{ id: "drone_training.v2024-06-13_a7e107d:L19", keptId: "drone_training.v2024-06-13_a7e107d:L17", reason: "exact", similarity: 1 }]);
    expect(report.kept).toBe(86);
  });
  it("Glaive demo: 35 rows repeat another row exactly", async () => {
    const report = await findDuplicates(await load(sharedPath("data", "finetune", "llama-factory", "glaive_toolcall_en_demo.json")));
    expect(report.removed.filter((row) => row.reason === "exact")).toHaveLength(35);
  });
}, "data", "finetune");

describe("near duplicates and prefixes", () => {
  it("clusters reworded-by-one-word questions, keeps the longest, leaves distinct ones", async () => {
    const base = "please book a table for four people at the italian restaurant on main street tomorrow evening at seven";
    const records = [
      chat("a", base, "done"),
      chat("b", base.replace("tomorrow", "tonight"), "done", "thanks", "welcome"),
      chat("c", "what is the weather in oslo today and will it rain later in the afternoon or stay dry", "sunny"),
    ];
    const report = await findDuplicates(records, { threshold: 0.6 });
    expect(report.removed).toEqual([expect.objectContaining({ id: "a", keptId: "b", reason: "near" })]);
    const kept = [];
    for await (const record of applyDedupe(records, report)) kept.push(record.meta.id);
    expect(kept).toEqual(["b", "c"]);
  });
  it("drops growing-prefix samples of one conversation in favour of the full one", async () => {
    const records = [chat("step1", "hi", "hello"), chat("step2", "hi", "hello", "book it", "booked"), chat("other", "bye", "ciao")];
    const report = await findDuplicates(records, { threshold: 0.99 });
    expect(report.removed).toEqual([{ id: "step1", keptId: "step2", reason: "prefix", similarity: 0.5 }]);
    expect(report.clusters).toEqual([{ keptId: "step2", reason: "prefix", members: ["step2", "step1"] }]);
  });
});
