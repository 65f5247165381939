// The bundled BFCL checker `eval score` loads: the same report as the modules, through both threads and the multi-turn module.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBfclChecker } from "../scripts/bundle-bfcl-checker.js";
import { bundleIsCurrent } from "../src/cli/current-bundle.js";
import type { BfclChecker } from "../src/cli/eval-score-command.js";
import { scoreBfclResults } from "../src/suites/bfcl/checker/index.js";
import { describeWithShared, sharedPath } from "../src/test-support/shared-data.js";

const checkerDir = join(import.meta.dirname, "..", "src", "suites", "bfcl", "checker");
const scratch = mkdtempSync(join(tmpdir(), "toolgate-bundle-checker-"));
const outdir = join(scratch, "bundle");
let bundled: BfclChecker;

beforeAll(async () => {
  await bundleBfclChecker(checkerDir, outdir, ".ts");
  bundled = (await import(pathToFileURL(join(outdir, "index.js")).href)) as BfclChecker;
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("bundleBfclChecker", () => {
  it("writes the three entries where the checker's relative URLs expect them, and a manifest of every module bundled", () => {
    for (const entry of ["index.js", join("multi-turn", "index.js"), "score-lane-worker.js"]) expect(existsSync(join(outdir, entry))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outdir, "bundle-inputs.json"), "utf8")) as { inputs: string[] };
    const names = manifest.inputs.map((input) => input.replaceAll("\\", "/"));
    // Relative to the bundle's folder, and each one there.
    for (const input of manifest.inputs) expect(existsSync(join(outdir, input))).toBe(true);
    expect(names.some((name) => name.endsWith("bfcl/checker/score-bfcl-results.ts"))).toBe(true);
    expect(names.some((name) => name.endsWith("multi-turn/check-entry.ts"))).toBe(true);
    expect(names.some((name) => name.endsWith("python/py-json.ts"))).toBe(true);
    expect(bundleIsCurrent(outdir)).toBe(true);
    expect(typeof bundled.scoreBfclResults).toBe("function");
  });
});

describeWithShared("the bundled checker", () => {
  it("scores as the modules do, with the multi-turn lane in its worker and split across both threads", async () => {
    // The first entries of four categories (partial, as BFCL's --partial-eval): single-turn here, multi-turn in both
    // threads, so the bundle's computed import of multi-turn/index.js and its worker URL are both exercised.
    const dir = join(scratch, "results");
    const model = join(sharedPath("data", "bfcl-results", "glyphh-ada-1.1", "result"), "glyphh-ada-1.1");
    mkdirSync(join(dir, "m"), { recursive: true });
    const firstEntries: Array<[string, string, number]> = [
      ["non_live", "simple_python", 30],
      ["live", "live_irrelevance", 30],
      ["multi_turn", "multi_turn_base", 10],
      ["multi_turn", "multi_turn_miss_func", 10],
    ];
    for (const [folder, category, count] of firstEntries) {
      const lines = readFileSync(join(model, folder, `BFCL_v4_${category}_result.json`), "utf8").trim().split("\n");
      writeFileSync(join(dir, "m", `BFCL_v4_${category}_result.json`), lines.slice(0, count).join("\n"));
    }
    const options = { resultsDir: join(dir, "m"), dataDir: sharedPath("data", "bfcl"), partial: true };
    const fromModules = await scoreBfclResults(options);
    const fromBundle = await bundled.scoreBfclResults({ ...options, parallel: true, splitMultiTurn: true });
    expect(Object.keys(fromBundle.categories)).toEqual(firstEntries.map(([, category]) => category));
    expect(fromBundle.notScored).toEqual({});
    expect(fromBundle).toEqual(fromModules);
    expect(fromBundle.categories.multi_turn_base?.total).toBe(10);
  }, 120_000);
});
