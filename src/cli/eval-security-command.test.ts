// `toolgate eval security` through main(): the AgentDojo table, InjecAgent's blocked share, --json, and input errors.
import { expect, it } from "vitest";
import { sharedPath, describeWithShared, whenShared } from "../test-support/shared-data.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";

const data = whenShared(["data", "attacks"], () => sharedPath("data", "attacks"), "");

async function run(args: string[]) {
  const io = capturedIo({ cwd: process.cwd() });
  const code = await main(["eval", "security", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describeWithShared("toolgate eval security", () => {
  it("prints AgentDojo's defence × utility × attack success table for every ported suite, and one JSON object last", async () => {
    const { code, out } = await run(["--suite", "agentdojo", "--defence", "none,all", "--data", data, "--limit", "2", "--json"]);
    expect(code).toBe(0);
    for (const suite of ["workspace", "travel", "banking", "slack"]) expect(out).toMatch(new RegExp(`^${suite}\\s+none\\s+100\\.0% \\(2/2\\)`, "m"));
    expect(out).toMatch(/^all \(4 suites\)\s+all\s/m);
    const last = JSON.parse(out.trim().split("\n").at(-1)!) as { results: Array<{ suite: string; defence: string; attackSuccess: { passed: number; total: number } }> };
    expect(last.results).toHaveLength(8);
    for (const result of last.results) {
      if (result.defence === "none") expect(result.attackSuccess.passed, result.suite).toBeGreaterThan(0);
      else expect(result.attackSuccess, result.suite).toEqual({ passed: 0, total: 4 });
    }
  });

  it("runs chosen AgentDojo suites with agentdojo:<list>, and names the fix for an unknown one", async () => {
    const { code, out } = await run(["--suite", "agentdojo:slack", "--defence", "all", "--data", data, "--limit", "1"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^slack\s+all\s/m);
    expect(out).not.toMatch(/^banking/m);
    const unknown = await run(["--suite", "agentdojo:shopping", "--data", data]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown AgentDojo suite "shopping"; use agentdojo, or agentdojo:<list> from banking, slack, travel, workspace');
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
}, "data", "attacks");
