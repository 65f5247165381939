// JUnit XML for CI: one testsuite per category, one testcase per case, failures and errors with their reasons.
import type { CaseResult } from "../scoring/index.js";
import type { EvalReport } from "./eval-report.js";
import { escapeXml } from "./svg-bar-chart.js";

export function renderJunitXml(report: EvalReport): string {
  const byCategory = new Map<string, CaseResult[]>();
  for (const result of report.results) byCategory.set(result.category, [...(byCategory.get(result.category) ?? []), result]);
  const totals = count(report.results);
  const suites = [...byCategory.entries()].map(([category, results]) => {
    const counts = count(results);
    const cases = results.map((result) => testcase(category, result)).join("\n");
    return (
      `  <testsuite name="${escapeXml(category)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="0" time="${seconds(counts.ms)}" timestamp="${escapeXml(report.startedAt)}">\n` +
      `    <properties><property name="model" value="${escapeXml(report.model)}"/><property name="suite" value="${escapeXml(report.suite)}"/></properties>\n` +
      `${cases}\n  </testsuite>`
    );
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(`toolgate eval ${report.suite}`)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds(totals.ms)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

function testcase(category: string, result: CaseResult): string {
  const open = `    <testcase classname="toolgate.eval.${escapeXml(category)}" name="${escapeXml(result.id)}" time="${seconds(result.latencyMs)}"`;
  if (result.status === "passed") return `${open}/>`;
  const element = result.status === "error" ? "error" : "failure";
  const first = result.reasons[0] ?? result.status;
  const type = first.split(":")[0] ?? result.status;
  return `${open}>\n      <${element} message="${escapeXml(first)}" type="${escapeXml(type)}">${escapeXml(result.reasons.join("\n"))}</${element}>\n    </testcase>`;
}

function count(results: readonly CaseResult[]) {
  return {
    tests: results.length,
    failures: results.filter((result) => result.status === "failed").length,
    errors: results.filter((result) => result.status === "error").length,
    ms: results.reduce((sum, result) => sum + result.latencyMs, 0),
  };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
