// Text report for ToolEmu against the default policy: the approval share, then every miss with its tool and risk.
import { percent, table } from "../defence-setups/format-security.js";
import type { ToolEmuReport } from "./run-toolemu.js";

export function formatToolEmuReport(report: ToolEmuReport): string {
  const stopped = report.requiresApproval + report.denied;
  const summary = table([
    ["cases", "risky actions", "mapped to a tool", "requires approval", "denied", "stopped (of mapped)", "allowed (misses)", "no tool action"],
    [`${report.cases}`, `${report.actions}`, `${report.mapped}`, `${report.requiresApproval}`, `${report.denied}`, percent(stopped, report.mapped), `${report.allowed}`, `${report.unmapped}`],
  ]);
  const lines = [summary];
  if (report.unmatchedToolkits.length > 0) lines.push(`toolkits missing from InjecAgent's tools.json: ${report.unmatchedToolkits.join(", ")}`);
  lines.push("", `misses (${report.misses.length}): the default policy lets the mapped call run`);
  const rows = [["case", "tool (risk, rule)", "mapped by", "risky action"]];
  for (const miss of report.misses) {
    rows.push([miss.caseName, miss.tools.map((verdict) => `${verdict.tool} (${verdict.risk}, ${verdict.ruleId ?? "no rule"})`).join(", "), miss.mapping.basis, miss.action]);
  }
  lines.push(table(rows));
  return lines.join("\n");
}
