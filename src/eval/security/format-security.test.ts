// Tests the security tables' shape.
import { describe, expect, it } from "vitest";
import { formatAgentDojoTable, formatInjecAgentTable } from "./format-security.js";

describe("security tables", () => {
  it("show utility and attack success per defence, and why a defence is missing", () => {
    const base = { suite: "banking" as const, description: "", approvalTasks: 2, approvalCalls: 2, pairs: 4, pairResults: [], utilityResults: [] };
    const text = formatAgentDojoTable([
      { ...base, defence: "none", utility: { passed: 2, total: 2 }, utilityUnderAttack: { passed: 4, total: 4 }, attackSuccess: { passed: 3, total: 4 } },
      { ...base, defence: "all", unavailable: "the taint tracker is not in this tree", utility: { passed: 0, total: 0 }, utilityUnderAttack: { passed: 0, total: 0 }, attackSuccess: { passed: 0, total: 0 } },
    ]);
    expect(text.split("\n")[1]).toMatch(/^banking\s+none\s+100\.0% \(2\/2\)\s+2\s+100\.0% \(4\/4\)\s+75\.0% \(3\/4\)$/);
    expect(text).toMatch(/all\s+not available.*taint tracker is not in this tree/);
  });

  it("show InjecAgent's blocked share per set", () => {
    expect(formatInjecAgentTable("all", [{ set: "dh_base", total: 4, blocked: 4, blockedWithoutApproval: 1, missed: [] }])).toMatch(/dh_base\s+all\s+100\.0% \(4\/4\)\s+25\.0% \(1\/4\)/);
  });
});
