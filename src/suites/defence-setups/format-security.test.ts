// Tests the security tables' shape.
import { describe, expect, it } from "vitest";
import { formatAgentDojoTable, formatInjecAgentTable } from "./format-security.js";

describe("security tables", () => {
  it("show utility and attack success per defence, and why a defence is missing", () => {
    const base = { suite: "banking" as const, description: "", approvalTasks: 2, approvalCalls: 2, pairs: 4, pairResults: [], utilityResults: [] };
    const none = { passed: 0, total: 0 };
    const text = formatAgentDojoTable([
      { ...base, defence: "none", utility: { passed: 1, total: 2 }, utilityWithApproval: { passed: 2, total: 2 }, utilityUnderAttack: { passed: 4, total: 4 }, attackSuccess: { passed: 3, total: 4 } },
      { ...base, defence: "all", unavailable: "the taint tracker is not in this tree", utility: none, utilityWithApproval: none, utilityUnderAttack: none, attackSuccess: none },
    ]);
    expect(text.split("\n")[1]).toMatch(/^banking\s+none\s+50\.0% \(1\/2\)\s+100\.0% \(2\/2\)\s+2\s+100\.0% \(4\/4\)\s+75\.0% \(3\/4\)$/);
    expect(text).toMatch(/all\s+not available.*taint tracker is not in this tree/);
    expect(text).not.toMatch(/^all \(/m);
  });

  it("add an all-suites row per defence that sums the suites", () => {
    const base = { description: "", approvalTasks: 1, approvalCalls: 1, pairs: 2, pairResults: [], utilityResults: [], defence: "all" };
    const text = formatAgentDojoTable([
      { ...base, suite: "banking", utility: { passed: 1, total: 2 }, utilityWithApproval: { passed: 2, total: 2 }, utilityUnderAttack: { passed: 2, total: 2 }, attackSuccess: { passed: 0, total: 2 } },
      { ...base, suite: "slack", utility: { passed: 2, total: 2 }, utilityWithApproval: { passed: 2, total: 2 }, utilityUnderAttack: { passed: 1, total: 2 }, attackSuccess: { passed: 0, total: 1 } },
    ]);
    expect(text.split("\n").at(-1)).toMatch(/^all \(2 suites\)\s+all\s+75\.0% \(3\/4\)\s+100\.0% \(4\/4\)\s+2\s+75\.0% \(3\/4\)\s+0\.0% \(0\/3\)$/);
  });

  it("show InjecAgent's blocked share per set", () => {
    expect(formatInjecAgentTable("all", [{ set: "dh_base", total: 4, blocked: 4, blockedWithoutApproval: 1, flaggedByTaint: 3, missed: [] }])).toMatch(/dh_base\s+all\s+100\.0% \(4\/4\)\s+25\.0% \(1\/4\)\s+75\.0% \(3\/4\)/);
  });
});
