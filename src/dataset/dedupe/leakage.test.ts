// Leakage on real cross-source overlap: Hammer's ToolAlpaca test rows are ToolAlpaca's own evaluation instructions,
// and Hammer's API-Bank level-2 rows repeat level-1 dialogues; a disjoint source shows none.
import { expect, it } from "vitest";
import { describe } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import type { DatasetRecord } from "../record.js";
import { importFile } from "../import/import-file.js";
import { evalItemsFromFile } from "./eval-items.js";
import { checkLeakage, LeakageIndex } from "./leakage.js";

async function leakage(train: string, ...evalFiles: string[]) {
  const index = new LeakageIndex();
  for (const file of evalFiles) for await (const item of evalItemsFromFile(file)) index.add(item);
  const records: DatasetRecord[] = [];
  for await (const outcome of importFile(train)) if (outcome.record) records.push(outcome.record);
  const kept: string[] = [];
  const report = await checkLeakage(records, index, (record) => void kept.push(record.meta.id));
  return { report, kept };
}

const finetune = (...parts: string[]) => sharedPath("data", "finetune", ...parts);

describeWithShared("leakage between shared sources", () => {
  it("every Hammer ToolAlpaca row is a ToolAlpaca eval instruction (13-gram or whole-text match)", async () => {
    const { report, kept } = await leakage(finetune("hammer", "test", "original", "toolalpaca.json"), finetune("toolalpaca", "eval_real.json"), finetune("toolalpaca", "eval_simulated.json"));
    expect(report.leaking).toHaveLength(114);
    expect(report.leaking[0]).toMatchObject({ id: "toolalpaca:#0", evalId: "Nager.Date#0", evalSet: "eval_real.json" });
    expect(kept).toEqual([]);
  });
  it("Hammer API-Bank level 2 rows that repeat level-1 dialogues are removed and listed", async () => {
    const { report, kept } = await leakage(finetune("hammer", "test", "original", "apibank_l2.json"), finetune("hammer", "test", "original", "apibank_l1.json"));
    expect(report.leaking.length).toBeGreaterThan(0);
    expect(report.leaking.length + kept.length).toBe(127);
    expect(report.bySet).toEqual({ "apibank_l1.json": report.leaking.length });
  });
  it("the Glaive demo does not overlap BFCL simple questions", async () => {
    const { report } = await leakage(finetune("llama-factory", "glaive_toolcall_en_demo.json"), sharedPath("data", "bfcl", "BFCL_v4_simple_python.json"));
    expect(report.leaking).toEqual([]);
    expect(report.evalItems).toBe(400);
  });
}, "data");

describe("leakage rules", () => {
  it("a shared 13-gram leaks; a reworded question above the MinHash threshold leaks; an unrelated one does not", async () => {
    const index = new LeakageIndex({ threshold: 0.5 });
    index.add({ id: "q1", set: "eval", text: "Find the area of a triangle with a base of 10 units and height of 5 units in the metric system please" });
    index.add({ id: "q2", set: "eval", text: "convert ten euros to dollars at today's rate for me" });
    const rows: DatasetRecord[] = [
      { messages: [{ role: "user", content: "Hey! Find the area of a triangle with a base of 10 units and height of 5 units in the metric system, thanks" }], tools: [], meta: { id: "leak-ngram", source: { format: "canonical" } } },
      { messages: [{ role: "user", content: "convert ten euros to dollars at today's rate" }], tools: [], meta: { id: "leak-minhash", source: { format: "canonical" } } },
      { messages: [{ role: "user", content: "who won the chess match yesterday" }], tools: [], meta: { id: "clean", source: { format: "canonical" } } },
    ];
    const report = await checkLeakage(rows, index);
    expect(report.leaking.map((row) => [row.id, row.rule, row.evalId])).toEqual([["leak-ngram", "13-gram", "q1"], ["leak-minhash", "minhash", "q2"]]);
  });
});
