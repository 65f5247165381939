// Scoring with the multi-turn lane in a worker thread: the same report as one thread, and the worker's data errors arrive as data errors.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../../test-support/shared-data.js";
import { BfclDataError } from "./errors.js";
import { scoreBfclResults } from "./score-bfcl-results.js";
import { scoreLaneInWorker } from "./score-in-worker.js";

const resultsDir = () => sharedPath("data", "bfcl-results", "glyphh-ada-1.1", "result");
const dataDir = () => sharedPath("data", "bfcl");
const scratch: string[] = [];

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describeWithShared("scoring in two threads", () => {
  it("gives the report one thread gives: every verdict, failed id, group and latency column", async () => {
    // The first entries of five categories (scored with partial, as BFCL's --partial-eval) keep the test short; the two
    // multi-turn ones share one runtime in the worker as they do in one thread.
    const dir = mkdtempSync(join(tmpdir(), "toolgate-bfcl-worker-"));
    scratch.push(dir);
    const model = join(resultsDir(), "glyphh-ada-1.1");
    const firstEntries: Array<[string, string, number]> = [
      ["non_live", "simple_python", 40],
      ["live", "live_irrelevance", 40],
      ["multi_turn", "multi_turn_base", 12],
      ["multi_turn", "multi_turn_miss_func", 12],
      [join("agentic", "memory", "kv"), "memory_kv", 20],
    ];
    mkdirSync(join(dir, "m"));
    for (const [folder, category, count] of firstEntries) {
      const lines = readFileSync(join(model, folder, `BFCL_v4_${category}_result.json`), "utf8").trim().split("\n");
      writeFileSync(join(dir, "m", `BFCL_v4_${category}_result.json`), lines.slice(0, count).join("\n"));
    }
    const options = { resultsDir: join(dir, "m"), dataDir: dataDir(), partial: true };
    const sequential = await scoreBfclResults(options);
    const parallel = await scoreBfclResults({ ...options, parallel: true });
    expect(Object.keys(parallel.categories)).toEqual(firstEntries.map(([, category]) => category));
    expect(parallel).toEqual(sequential);
    expect(parallel.categories.multi_turn_base?.total).toBe(12);
    expect(parallel.categories.multi_turn_base?.failed.length).toBeGreaterThan(0);
  }, 120_000);

  it("reports a broken multi-turn result file from the worker as a BfclDataError naming the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-bfcl-worker-"));
    scratch.push(dir);
    mkdirSync(join(dir, "m"));
    const source = join(resultsDir(), "glyphh-ada-1.1", "multi_turn", "BFCL_v4_multi_turn_base_result.json");
    const truncated = join(dir, "m", "BFCL_v4_multi_turn_base_result.json");
    writeFileSync(truncated, readFileSync(source, "utf8").trim().split("\n").slice(0, 3).join("\n"));
    const lane = scoreLaneInWorker(
      { categories: ["multi_turn_base"], resultFiles: { multi_turn_base: truncated }, dataDir: dataDir(), mode: "auto", underscoreToDot: false, partial: false },
      "m",
    );
    await expect(lane).rejects.toBeInstanceOf(BfclDataError);
    await expect(lane).rejects.toThrow(/BFCL_v4_multi_turn_base_result\.json has 3 entries but multi_turn_base has 200/);
  }, 120_000);
});
