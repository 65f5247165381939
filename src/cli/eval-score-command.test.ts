// `toolgate eval score` through main(): the category table, abbreviated and verbose failures, groups, --json, and input errors.
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { readOfficialScores } from "../suites/bfcl/checker/index.js";
import { sharedPath, describeWithShared } from "../test-support/shared-data.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const results = () => sharedPath("data", "bfcl-results", "glyphh-ada-1.1", "result", "glyphh-ada-1.1");
const data = () => sharedPath("data", "bfcl");

async function runCli(args: string[]) {
  const io = capturedIo({ cwd: dirs.make() });
  const code = await main(["eval", "score", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describeWithShared("toolgate eval score", () => {
  it("prints accuracy, correct/total and abbreviated failed ids per category, then the groups", async () => {
    const { code, out, err } = await runCli(["--bfcl", results(), "--data", data(), "--categories", "simple_python,irrelevance,live_parallel"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^BFCL scores for glyphh-ada-1\.1$/m);
    expect(out).toMatch(/^category\s+accuracy\s+correct\s+failed$/m);
    expect(out).toMatch(/^simple_python\s+94\.50%\s+378\/400\s+simple_python_13 type_error:nested, simple_python_\d+ \S+, simple_python_\d+ \S+, … \+19 more \(--verbose lists all\)$/m);
    expect(out).toMatch(/^irrelevance\s+85\.42%\s+205\/240\s+irrelevance_4 irrelevance_error:decoder_success, /m);
    expect(out).toMatch(/^live_parallel\s+75\.00%\s+12\/16\s+(live_parallel_\S+ parallel_function_checker_no_order:cannot_find_match(, )?){3}, … \+1 more/m);
    expect(out).toMatch(/^Non-live\s+\d+\.\d\d%$/m);
    expect(out).toMatch(/^Irrelevance\s+N\/A$/m);
    expect(out).toMatch(/^Overall\s+\d+\.\d\d%$/m);
    expect(out).toContain("Categories without a score count as 0");
  });

  it("--verbose lists every failed id with its error type and message", async () => {
    const { code, out } = await runCli(["--bfcl", results(), "--data", data(), "--categories", "live_parallel", "--verbose"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^live_parallel\s+75\.00%\s+12\/16\s+4 \(listed below\)$/m);
    expect(out).toMatch(/^live_parallel: 4 failed$/m);
    expect(out.match(/^ {2}live_parallel_\S+ {2}parallel_function_checker_no_order:cannot_find_match {2}Could not find a matching function/gm)).toHaveLength(4);
  });

  it("--json prints exactly one object {categories, groups} as the last line, matching the official verdicts", async () => {
    const { code, out, err } = await runCli(["--bfcl", join(results(), ".."), "--data", data(), "--json"]);
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines.at(-1) as string) as {
      categories: Record<string, { accuracy: number; correct: number; total: number; failed: Array<{ id: string; error_type: string }> }>;
      groups: Record<string, number | null>;
    };
    expect(Object.keys(parsed)).toEqual(["categories", "groups"]);
    expect(Object.keys(parsed.groups)).toEqual(["non_live", "live", "irrelevance", "multi_turn", "agentic", "overall"]);
    const official = readOfficialScores(sharedPath("data", "bfcl-results", "glyphh-ada-1.1", "score"));
    for (const category of ["simple_java", "live_multiple", "memory_kv", "web_search_base"]) {
      const ours = parsed.categories[category];
      expect(Object.keys(ours ?? {})).toEqual(["accuracy", "correct", "total", "failed"]);
      expect(ours?.accuracy).toBe(official[category]?.accuracy);
      expect(ours?.failed).toEqual(official[category]?.failed);
    }
    // Multi-turn categories are named on stderr when no multi-turn checker is present, never faked.
    if (!parsed.categories.multi_turn_base) expect(err).toMatch(/^toolgate: multi_turn_base not scored: the multi-turn checker is not available/m);
  });

  it("--underscore-to-dot expects `_` for `.` in function names, as for models that could not use dots", async () => {
    const { code, out } = await runCli(["--bfcl", results(), "--data", data(), "--categories", "simple_python", "--underscore-to-dot", "--json"]);
    expect(code).toBe(0);
    const failed = (JSON.parse(out.trim()) as { categories: { simple_python: { failed: Array<{ id: string; error_type: string }> } } }).categories.simple_python.failed;
    // glyphh-ada-1.1 kept the dots (`math.factorial`), so every dotted function now fails on its name.
    expect(failed).toContainEqual({ id: "simple_python_1", error_type: "simple_function_checker:wrong_func_name" });
    expect(failed.length).toBeGreaterThan(22);
  });

  it("reports bad input as one toolgate line that names the fix, with exit code 2", async () => {
    const missingData = await runCli(["--bfcl", results()]);
    expect(missingData.code).toBe(2);
    expect(missingData.err).toMatch(/^toolgate: required option '--data <dir>' not specified/m);

    const wrongDir = await runCli(["--bfcl", "no-such-dir", "--data", data()]);
    expect(wrongDir.code).toBe(2);
    expect(wrongDir.err.trim().split("\n")).toHaveLength(1);
    expect(wrongDir.err).toMatch(/^toolgate: results directory .*no-such-dir does not exist: pass the folder BFCL wrote results to/);

    const wrongData = await runCli(["--bfcl", results(), "--data", results()]);
    expect(wrongData.code).toBe(2);
    expect(wrongData.err).toMatch(/^toolgate: .* is missing: --data must point at BFCL's data directory/);

    const badMode = await runCli(["--bfcl", results(), "--data", data(), "--mode", "xml"]);
    expect(badMode.code).toBe(2);
    expect(badMode.err).toMatch(/--mode .*takes fc, prompting or auto/);
  });
}, "data", "bfcl-results");
