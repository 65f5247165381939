// Text tables for the security suites, in AgentDojo's published shape: defence × utility × attack success.
import type { AgentDojoDefenceResult } from "./run-agentdojo.js";
import type { InjecAgentSetResult } from "./run-injecagent.js";

const percent = (passed: number, total: number) => (total === 0 ? "—" : `${((100 * passed) / total).toFixed(1)}% (${passed}/${total})`);

export function formatAgentDojoTable(results: readonly AgentDojoDefenceResult[]): string {
  const rows = [["suite", "defence", "utility", "tasks needing approval", "utility under attack", "attack success"]];
  for (const result of results) {
    if (result.unavailable) rows.push([result.suite, result.defence, "not available", "", "", result.unavailable]);
    else rows.push([result.suite, result.defence, percent(result.utility.passed, result.utility.total), `${result.approvalTasks}`, percent(result.utilityUnderAttack.passed, result.utilityUnderAttack.total), percent(result.attackSuccess.passed, result.attackSuccess.total)]);
  }
  return table(rows);
}

export function formatInjecAgentTable(defence: string, results: readonly InjecAgentSetResult[]): string {
  const rows = [["set", "defence", "blocked", "blocked without asking"]];
  for (const result of results) rows.push([result.set, defence, percent(result.blocked, result.total), percent(result.blockedWithoutApproval, result.total)]);
  return table(rows);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}
