// Scoring with the multi-turn lane in a worker thread: the same report as one thread, and the worker's data errors arrive as data errors.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../../test-support/shared-data.js";
import { BfclDataError } from "./errors.js";
import { scoreBfclResults } from "./score-bfcl-results.js";
import { scoreLaneInWorker, startLaneWorkerEarly } from "./score-in-worker.js";
import type { MultiTurnChecker } from "./multi-turn-bridge.js";
import { loadMultiTurnChecker } from "./multi-turn-bridge.js";
import { scoreLane } from "./score-lane.js";

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
    const parallel = await scoreBfclResults({ ...options, parallel: true, splitMultiTurn: false });
    expect(Object.keys(parallel.categories)).toEqual(firstEntries.map(([, category]) => category));
    expect(parallel).toEqual(sequential);
    // Split: multi_turn_base in this thread, multi_turn_miss_func in the worker; the same report again.
    expect(await scoreBfclResults({ ...options, parallel: true, splitMultiTurn: true })).toEqual(sequential);
    expect(parallel.categories.multi_turn_base?.total).toBe(12);
    expect(parallel.categories.multi_turn_base?.failed.length).toBeGreaterThan(0);
  }, 120_000);

  it("scores the worker's categories in this thread when this thread's multi-turn entries leave state behind", async () => {
    // multi_turn_miss_param_53 mentions a user on a tweet posted with the shared default mentions list (BFCL's one
    // process keeps that list for every later entry), so the long-context entries after it must not start afresh.
    const dir = mkdtempSync(join(tmpdir(), "toolgate-bfcl-worker-"));
    scratch.push(dir);
    const model = join(resultsDir(), "glyphh-ada-1.1", "multi_turn");
    mkdirSync(join(dir, "m"));
    const keep: Record<string, (line: string) => boolean> = {
      multi_turn_miss_param: (line) => /"id": "multi_turn_miss_param_(0|1|53)"/.test(line),
      multi_turn_long_context: (line) => /"id": "multi_turn_long_context_[0-4]"/.test(line),
    };
    for (const [category, wanted] of Object.entries(keep)) {
      const lines = readFileSync(join(model, `BFCL_v4_${category}_result.json`), "utf8").trim().split("\n");
      writeFileSync(join(dir, "m", `BFCL_v4_${category}_result.json`), lines.filter(wanted).join("\n"));
    }
    const checker = (await loadMultiTurnChecker({ modelName: "m" })) as MultiTurnChecker;
    await scoreLane(
      { categories: ["multi_turn_miss_param"], resultFiles: { multi_turn_miss_param: join(dir, "m", "BFCL_v4_multi_turn_miss_param_result.json") }, dataDir: dataDir(), mode: "auto", underscoreToDot: false, partial: true },
      checker,
    );
    expect(checker.carriesState?.()).toBe(true);
    const options = { resultsDir: join(dir, "m"), dataDir: dataDir(), partial: true };
    const parallel = await scoreBfclResults({ ...options, parallel: true, splitMultiTurn: true });
    expect(parallel).toEqual(await scoreBfclResults(options));
    expect(parallel.categories.multi_turn_long_context?.total).toBe(5);
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
    // The same through a worker started before its lane was known, given the lane once it has booted.
    const early = startLaneWorkerEarly("m");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = early.score({ categories: ["multi_turn_base"], resultFiles: { multi_turn_base: truncated }, dataDir: dataDir(), mode: "auto", underscoreToDot: false, partial: false });
    await expect(late).rejects.toThrow(/BFCL_v4_multi_turn_base_result\.json has 3 entries but multi_turn_base has 200/);
  }, 120_000);

  it("scores a lane handed to an early worker as a worker started with it, and stops one never used", async () => {
    const request = {
      categories: ["multi_turn_miss_func"],
      resultFiles: { multi_turn_miss_func: join(resultsDir(), "glyphh-ada-1.1", "multi_turn", "BFCL_v4_multi_turn_miss_func_result.json") },
      dataDir: dataDir(),
      mode: "auto" as const,
      underscoreToDot: false,
      partial: false,
    };
    const early = startLaneWorkerEarly("m");
    const [fromEarly, fromStart] = await Promise.all([early.score(request), scoreLaneInWorker(request, "m")]);
    expect(fromEarly).toEqual(fromStart);
    expect(fromEarly[0]?.outcome.scored).toBe(true);
    // Never given a lane: stopped, it ends instead of waiting for one.
    startLaneWorkerEarly("m").stop();
  }, 120_000);
});
