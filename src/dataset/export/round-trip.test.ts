// import(export(x)) == x for every export format on every shared sample: each row comes back identical (call ids
// compared by position) or the exporter declared what the format cannot hold; nothing changes silently.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import { exportFormats } from "./export-row.js";
import { measureRoundTrip } from "./measure-round-trip.js";

/** Every row-data sample under finetune/ (templates, licences, dataset_info and Hammer's label/predict file excluded). */
function sampleFiles(): string[] {
  const root = sharedPath("data", "finetune");
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) {
        if (name !== "chat-templates" && name !== "hammer-xlam-style" && name !== "toolalpaca") walk(path);
      } else if (/\.jsonl?$/.test(name) && name !== "dataset_info.json" && name !== "example_eval.jsonl") files.push(path);
    }
  };
  walk(root);
  return files.sort();
}

describeWithShared("round trip through every export format", () => {
  it("covers every sample format", () => {
    expect(sampleFiles().length).toBeGreaterThanOrEqual(15);
  });

  for (const format of exportFormats) {
    it(`${format}: every row exact or declared lossy, on every shared sample`, { timeout: 120_000 }, async () => {
      let exact = 0;
      for (const file of sampleFiles()) {
        const result = await measureRoundTrip(file, format);
        expect(result.undeclared, `${file} through ${format}`).toEqual([]);
        expect(result.exact + result.declaredLossy).toBe(result.rows);
        exact += result.exact;
      }
      expect(exact).toBeGreaterThan(1000);
    });
  }

  it("OpenAI and TRL keep even defective rows exact (double-encoded arguments stay double-encoded)", async () => {
    const file = sharedPath("data", "finetune", "openai-cookbook-drone", "drone_training.v2024-06-13_a7e107d.jsonl");
    for (const format of ["openai", "trl", "axolotl"] as const) expect((await measureRoundTrip(file, format)).exact).toBe(87);
  });
}, "data", "finetune");
