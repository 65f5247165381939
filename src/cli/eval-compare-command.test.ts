// `toolgate eval compare` through main(): deltas with intervals, --json, thresholds on the candidate, and clear input errors.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunComparison } from "../eval/index.js";
import { callsResults, reportOf } from "../eval/scoring/test-support/case-results.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

function writeRuns(): string {
  const cwd = dirs.make();
  writeFileSync(join(cwd, "before.json"), JSON.stringify(reportOf([...callsResults("simple", 35, 50), ...callsResults("multiple", 18, 20)], { model: "base" })));
  writeFileSync(join(cwd, "after.json"), JSON.stringify(reportOf([...callsResults("simple", 45, 50), ...callsResults("multiple", 17, 20)], { model: "tuned" })));
  return cwd;
}

async function runCli(args: string[], cwd: string) {
  const io = capturedIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe("toolgate eval compare", () => {
  it("prints per-category deltas with Wilson intervals and flags significant ones", async () => {
    const { code, out, err } = await runCli(["eval", "compare", "before.json", "after.json"], writeRuns());
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^category\s+metric\s+A before\.json\s+B after\.json\s+Δ \(B−A\)\s+95% CI of Δ\s+p$/m);
    expect(out).toMatch(/^simple\s+arguments\s+70\.0% \[56\.2, 80\.9\] \(35\/50\)\s+90\.0% \[78\.6, 95\.7\] \(45\/50\)\s+\+20\.0 pp\s+\[.*\]\s+0\.012\s+better \*$/m);
    expect(out).toMatch(/^multiple\s+arguments\s+90\.0% .*\s+85\.0% .*\s+-5\.0 pp\s+\[.*\]\s+0\.\d+$/m);
    expect(out).toContain("pooled two-proportion z-test");
  });

  it("--json prints the comparison, and --min exits 1 naming what the candidate missed", async () => {
    const cwd = writeRuns();
    const json = await runCli(["eval", "compare", "before.json", "after.json", "--json"], cwd);
    const comparison = JSON.parse(json.out) as RunComparison;
    expect(comparison.b).toEqual({ label: "after.json", model: "tuned" });
    expect(comparison.rows.find((row) => row.category === "overall" && row.metric === "passed")?.b).toMatchObject({ correct: 62, total: 70 });

    const gated = await runCli(["eval", "compare", "before.json", "after.json", "--min", "arguments=0.8", "--min", "multiple.arguments=0.9"], cwd);
    expect(gated.code).toBe(1);
    expect(gated.err).toBe("toolgate: below threshold: multiple.arguments: 85.0% is below the minimum 90.0% (in after.json)\n");
    expect((await runCli(["eval", "compare", "before.json", "after.json", "--min", "arguments=0.8"], cwd)).code).toBe(0);
  });

  it("says what it needs when an input is wrong", async () => {
    const cwd = writeRuns();
    writeFileSync(join(cwd, "other.json"), JSON.stringify({ hello: "world" }));
    const missing = await runCli(["eval", "compare", "nope.json", "after.json"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^toolgate: nope\.json: no such file; pass the JSON written by `toolgate eval run --json`/);
    const foreign = await runCli(["eval", "compare", "other.json", "after.json"], cwd);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/^toolgate: other\.json: not an evaluation report/);
    const badMin = await runCli(["eval", "compare", "before.json", "after.json", "--min", "speed=1"], cwd);
    expect(badMin.code).toBe(2);
    expect(badMin.err).toMatch(/^toolgate: --min speed=1: unknown metric "speed"; use one of decision, arguments, effects, passed, accuracy/);
  });
});
