// `toolgate dataset …` in-process: verify exits 1 on the drone file's double-encoded arguments and 0 once --fix
// repaired them; import lists rejected rows with file:line; leakage exits 1 on a leak; build runs a recipe.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../test-support/shared-data.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

describeWithShared("toolgate dataset", () => {
  it("verify: exit 1 on errors, --fix writes repaired rows that then verify clean", async () => {
    const cwd = dirs.make();
    const drone = sharedPath("data", "finetune", "openai-cookbook-drone", "drone_training.v2024-06-13_a7e107d.jsonl");
    const first = capturedIo({ cwd: process.cwd() });
    expect(await main(["dataset", "verify", drone], first)).toBe(1);
    expect(first.out()).toMatch(/error\s+arguments-double-encoded\s+6 in\s+6 rows \(6 fixable\)/);
    const fixed = join(cwd, "fixed.jsonl");
    expect(await main(["dataset", "verify", drone, "--fix", "-o", fixed], capturedIo({ cwd: process.cwd() }))).toBe(0);
    const again = capturedIo({ cwd: process.cwd() });
    expect(await main(["dataset", "verify", fixed], again)).toBe(0);
    expect(again.out()).not.toMatch(/error\s+arguments-double-encoded/);
    expect(readFileSync(fixed, "utf8").trim().split("\n")).toHaveLength(87);
  });

  it("import: rows out, rejected rows listed with file:line", async () => {
    const cwd = dirs.make();
    const source = join(cwd, "mixed.jsonl");
    writeFileSync(source, `${JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] })}\n{"messages": [{"role": "robot", "content": "x"}]}\n`);
    const run = capturedIo({ cwd: process.cwd() });
    expect(await main(["dataset", "import", source, "-o", join(cwd, "rows.jsonl")], run)).toBe(0);
    expect(run.out()).toContain("1 imported, 1 rejected");
    expect(run.err()).toContain(`${source}:2 row mixed:L2 messages[0].role: unknown-role`);
  });

  it("leakage: exit 1 and the leaking rows listed", async () => {
    const run = capturedIo({ cwd: process.cwd() });
    const code = await main(["dataset", "leakage", sharedPath("data", "finetune", "hammer", "test", "original", "toolalpaca.json"), "--eval", sharedPath("data", "finetune", "toolalpaca", "eval_real.json")], run);
    expect(code).toBe(1);
    expect(run.out()).toContain("114 leak");
  });

  it("build: a recipe's steps in order", async () => {
    const cwd = dirs.make();
    const recipe = join(cwd, "recipe.yaml");
    writeFileSync(recipe, `seed: 1\nsteps:\n  - import: { files: ["${sharedPath("data", "finetune", "openai-cookbook-drone", "drone_training.jsonl")}"] }\n  - dedupe: {}\n  - export: { formats: [hermes] }\n`);
    const run = capturedIo({ cwd: process.cwd() });
    expect(await main(["dataset", "build", recipe, "-o", join(cwd, "out")], run)).toBe(0);
    expect(run.out()).toContain("103 rows");
    expect(readFileSync(join(cwd, "out", "hermes", "all.jsonl"), "utf8")).toContain("<tool_call>");
    const bad = capturedIo({ cwd: process.cwd() });
    writeFileSync(recipe, "steps:\n  - dedupe: { threshold: 3 }\n");
    expect(await main(["dataset", "build", recipe], bad)).toBe(2);
    expect(bad.err()).toMatch(/steps\[0\] \(dedupe\): threshold/);
  });
}, "data");
