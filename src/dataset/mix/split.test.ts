// Mix and split: composition by category, a seeded target mix, and a seeded stratified split that never puts one
// conversation in two splits.
import { describe, expect, it } from "vitest";
import type { DatasetRecord, RecordCategory } from "../record.js";
import { composition, mixRecords } from "./mix.js";
import { conversationKey, splitRecords } from "./split.js";

function row(id: string, category: RecordCategory, opening: string): DatasetRecord {
  return { messages: [{ role: "user", content: opening }, { role: "assistant", content: "ok" }], tools: [], meta: { id, source: { format: "canonical" }, category } };
}

const rows: DatasetRecord[] = [];
for (let index = 0; index < 60; index += 1) rows.push(row(`s${index}`, "single", `single question ${index}`));
for (let index = 0; index < 30; index += 1) rows.push(row(`p${index}`, "parallel", `parallel question ${index % 10}`)); // 10 conversations of 3 steps
for (let index = 0; index < 10; index += 1) rows.push(row(`n${index}`, "no-call", `chit chat ${index}`));

describe("mix", () => {
  it("reports composition and reaches a target mix reproducibly", () => {
    expect(composition(rows)).toEqual({ single: 60, parallel: 30, "no-call": 10 });
    const mixed = mixRecords(rows, { shares: { single: 0.5, parallel: 0.3, "no-call": 0.2 }, total: 50, seed: 7 });
    expect(mixed.after).toEqual({ single: 25, parallel: 15, "no-call": 10 });
    expect(mixRecords(rows, { shares: { single: 0.5, parallel: 0.3, "no-call": 0.2 }, total: 50, seed: 7 }).records.map((record) => record.meta.id)).toEqual(mixed.records.map((record) => record.meta.id));
    expect(mixRecords(rows, { shares: { "no-call": 1 }, total: 20, seed: 1 }).shortfalls).toEqual({ "no-call": { wanted: 20, available: 10 } });
  });
});

describe("split", () => {
  it("is stratified, seeded, and keeps each conversation in one split", () => {
    const result = splitRecords(rows, { ratios: { train: 0.8, test: 0.2 }, seed: 42 });
    expect(result.splits.train!.length + result.splits.test!.length).toBe(100);
    expect(result.composition.test).toEqual({ single: 12, parallel: 6, "no-call": 2 });
    const splitOf = new Map<string, string>();
    for (const [name, records] of Object.entries(result.splits)) {
      for (const record of records) {
        const key = conversationKey(record);
        expect(splitOf.get(key) ?? name).toBe(name);
        splitOf.set(key, name);
      }
    }
    const again = splitRecords(rows, { ratios: { train: 0.8, test: 0.2 }, seed: 42 });
    expect(again.splits.test!.map((record) => record.meta.id)).toEqual(result.splits.test!.map((record) => record.meta.id));
    expect(splitRecords(rows, { ratios: { train: 0.8, test: 0.2 }, seed: 43 }).splits.test!.map((record) => record.meta.id)).not.toEqual(result.splits.test!.map((record) => record.meta.id));
  });
});
