// The advice as a person reads it in a terminal: the runs, then each recommendation with its evidence and experiment.
import type { Advice, Recommendation } from "./advice.js";

export function formatAdvice(advice: Advice): string {
  const lines: string[] = [];
  for (const run of advice.runs) {
    lines.push(`${run.label}: ${run.suite} on ${run.model}: ${run.passed}/${run.cases} passed, ${run.failed} failed${run.errors > 0 ? `, ${run.errors} errored` : ""}`);
  }
  lines.push("");
  advice.recommendations.forEach((recommendation, index) => lines.push(...formatRecommendation(recommendation, index + 1), ""));
  if (advice.recommendations.length === 0) lines.push("No recommendation: nothing failed that the advisor can judge.", "");
  for (const note of advice.notes) lines.push(`note: ${note}`);
  return `${lines.join("\n").trimEnd()}\n`;
}

function formatRecommendation(recommendation: Recommendation, rank: number): string[] {
  const { evidence } = recommendation;
  const share = `${evidence.cases}/${evidence.of} cases, 95% CI ${percent(evidence.interval.low)}–${percent(evidence.interval.high)}`;
  const lines = [`${rank}. ${recommendation.lever.toUpperCase()} — ${recommendation.summary} (${recommendation.finding}: ${share})`];
  if (recommendation.escalation) lines.push(`   why not the first lever: ${recommendation.escalation}`);
  lines.push(`   do: ${recommendation.action}`);
  if (recommendation.then) lines.push(`   then: ${recommendation.then}`);
  for (const detail of evidence.details) lines.push(`   - ${detail}`);
  if (evidence.examples.length > 0) lines.push(`   cases: ${evidence.examples.join(", ")}`);
  if (recommendation.experiment) {
    lines.push(`   confirm: ${recommendation.experiment.description}`);
    for (const command of recommendation.experiment.commands) lines.push(`     $ ${command}`);
  }
  if (recommendation.recipe) lines.push("   training recipe: toolgate advise … --recipe <file> writes it");
  return lines;
}

function percent(rate: number): string {
  return `${(100 * rate).toFixed(0)}%`;
}
