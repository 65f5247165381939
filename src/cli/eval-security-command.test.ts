// `toolgate eval security` through main(): the AgentDojo table, InjecAgent's blocked share, --json, and input errors.
import { describe, expect, it } from "vitest";
import { sharedPath } from "../test-support/shared-data.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";

const data = sharedPath("data", "attacks");

async function run(args: string[]) {
  const io = capturedIo({ cwd: process.cwd() });
  const code = await main(["eval", "security", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("toolgate eval security", () => {
  it("prints AgentDojo's defence × utility × attack success table and one JSON object last", async () => {
    const { code, out } = await run(["--suite", "agentdojo", "--defence", "none,all", "--data", data, "--limit", "2", "--json"]);
    expect(code).toBe(0);
    expect(out).toMatch(/banking\s+none\s+100\.0% \(2\/2\)/);
    const last = JSON.parse(out.trim().split("\n").at(-1)!) as { results: Array<{ defence: string; attackSuccess: { passed: number; total: number } }> };
    const byName = Object.fromEntries(last.results.map((result) => [result.defence, result]));
    expect(byName.none!.attackSuccess.passed).toBeGreaterThan(0);
    expect(byName.all!.attackSuccess).toEqual({ passed: 0, total: 4 });
  });

  it("prints InjecAgent's blocked share per set", async () => {
    const { code, out } = await run(["--suite", "injecagent", "--defence", "all", "--data", data, "--limit", "5"]);
    expect(code).toBe(0);
    for (const set of ["dh_base", "dh_enhanced", "ds_base", "ds_enhanced"]) expect(out).toMatch(new RegExp(`${set}\\s+all\\s+100\\.0% \\(5/5\\)`));
  });

  it("names the fix for an unknown defence and a directory without data", async () => {
    const unknown = await run(["--suite", "agentdojo", "--defence", "magic", "--data", data]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown defence "magic"; use one of: none, all/);
    const missing = await run(["--suite", "agentdojo", "--data", "/nonexistent"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--data <attacks dir>/);
  });

  it("prints ToolEmu's share of risky actions the default policy stops, the misses, and one JSON object last", async () => {
    const { code, out } = await run(["--suite", "toolemu", "--data", data, "--json"]);
    expect(code).toBe(0);
    expect(out).toMatch(/cases\s+risky actions\s+mapped to a tool\s+requires approval/);
    expect(out).toMatch(/^144\s+277\s+/m);
    const last = JSON.parse(out.trim().split("\n").at(-1)!) as { suite: string; mapped: number; requiresApproval: number; denied: number; misses: Array<{ caseName: string; tools: Array<{ tool: string; risk: string }> }> };
    expect(last.suite).toBe("toolemu");
    expect(last.requiresApproval + last.denied + last.misses.length).toBe(last.mapped);
    // Every miss is listed with its case and the tool it maps to.
    for (const miss of last.misses.slice(0, 5)) expect(out).toMatch(new RegExp(`${miss.caseName}\\s+${miss.tools[0]!.tool} \\(${miss.tools[0]!.risk}, risk:allow-`));
  });

  it("prints the jailbreak-function refusals per defence variant", async () => {
    const { code, out } = await run(["--suite", "jailbreak-function", "--data", data, "--json"]);
    expect(code).toBe(0);
    expect(out).toMatch(/defaults\s+100\.0% \(75\/75\)/);
    expect(out).toMatch(/no-catalog\s+40\.0% \(30\/75\)/);
    const last = JSON.parse(out.trim().split("\n").at(-1)!) as { results: Array<{ variant: string; refused: number; total: number }> };
    expect(last.results.map((result) => [result.variant, result.refused])).toEqual([["defaults", 75], ["no-catalog", 30], ["no-tool-choice-guard", 75], ["no-moderation", 70], ["none", 0]]);
  });

  it("names the fix when the ToolEmu data is missing", async () => {
    const missing = await run(["--suite", "toolemu", "--data", "/nonexistent"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/toolemu\/assets\/all_cases\.json/);
  });
});
