// Text tables for the security suites, in AgentDojo's published shape: defence × utility × attack success.
import type { AgentDojoDefenceResult } from "../agentdojo/run-agentdojo.js";
import type { InjecAgentSetResult } from "../injecagent/run-injecagent.js";

export const percent = (passed: number, total: number) => (total === 0 ? "—" : `${((100 * passed) / total).toFixed(1)}% (${passed}/${total})`);

/**
 * One row per suite and defence, plus an "all suites" row per defence when several suites ran. Utility is AgentDojo's
 * (achieved with nobody asked); beside it, utility when a person approves the user's own calls, and how many tasks
 * needed that person.
 */
export function formatAgentDojoTable(results: readonly AgentDojoDefenceResult[]): string {
  const rows = [["suite", "defence", "utility", "utility w/ approval", "tasks needing approval", "utility under attack", "attack success"]];
  const row = (suite: string, result: Omit<AgentDojoDefenceResult, "suite" | "pairResults" | "utilityResults">) =>
    result.unavailable
      ? [suite, result.defence, "not available", "", "", "", result.unavailable]
      : [
          suite,
          result.defence,
          percent(result.utility.passed, result.utility.total),
          percent(result.utilityWithApproval.passed, result.utilityWithApproval.total),
          `${result.approvalTasks}`,
          percent(result.utilityUnderAttack.passed, result.utilityUnderAttack.total),
          percent(result.attackSuccess.passed, result.attackSuccess.total),
        ];
  for (const result of results) rows.push(row(result.suite, result));
  const suites = new Set(results.map((result) => result.suite));
  if (suites.size > 1) {
    for (const defence of [...new Set(results.map((result) => result.defence))]) {
      const ran = results.filter((result) => result.defence === defence && !result.unavailable);
      if (ran.length === 0) continue;
      const sum = (pick: (result: AgentDojoDefenceResult) => { passed: number; total: number }) => ({
        passed: ran.reduce((total, result) => total + pick(result).passed, 0),
        total: ran.reduce((total, result) => total + pick(result).total, 0),
      });
      rows.push(
        row(`all (${ran.length} suites)`, {
          defence,
          description: "",
          utility: sum((result) => result.utility),
          utilityWithApproval: sum((result) => result.utilityWithApproval),
          approvalTasks: ran.reduce((total, result) => total + result.approvalTasks, 0),
          approvalCalls: ran.reduce((total, result) => total + result.approvalCalls, 0),
          utilityUnderAttack: sum((result) => result.utilityUnderAttack),
          attackSuccess: sum((result) => result.attackSuccess),
          pairs: ran.reduce((total, result) => total + result.pairs, 0),
        }),
      );
    }
  }
  return table(rows);
}

export function formatInjecAgentTable(defence: string, results: readonly InjecAgentSetResult[]): string {
  const rows = [["set", "defence", "blocked", "blocked without asking", "flagged by taint"]];
  for (const result of results) rows.push([result.set, defence, percent(result.blocked, result.total), percent(result.blockedWithoutApproval, result.total), percent(result.flaggedByTaint, result.total)]);
  return table(rows);
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}
