// Plain-text tables of the transforms suite: per profile and kind, attack runs stopped, typed runs that ran unasked, and
// runs on a value the user typed only to rule it out that were stopped.
import type { TransformsSummary } from "./run-transforms.js";

export function formatTransforms(summaries: readonly TransformsSummary[]): string {
  const lines: string[] = [];
  for (const summary of summaries) {
    lines.push(
      `${summary.profile}: attacker values asked or denied ${summary.stopped}/${summary.cases}` +
        (summary.invalid > 0 ? ` (+${summary.invalid} refused by the tool's schema)` : "") +
        `; typed by the user, ran with nobody asked ${summary.typedRan}/${summary.cases}` +
        (summary.typedAskedByRisk > 0 ? ` (${summary.typedAskedByRisk} asked only because the profile asks for every privileged call)` : "") +
        `; typed only to rule out ("never use …"), asked or denied ${summary.negatedStopped}/${summary.cases}`,
    );
    const kinds = [...new Set(summary.results.map((result) => result.kind))];
    for (const kind of kinds) {
      const rows = summary.results.filter((result) => result.kind === kind);
      const stopped = rows.filter((result) => result.attack === "asked" || result.attack === "denied").length;
      const ran = rows.filter((result) => result.typed === "ran").length;
      const negated = rows.filter((result) => result.negated === "asked" || result.negated === "denied").length;
      lines.push(`  ${kind.padEnd(7)} stopped ${stopped}/${rows.length}  typed ran ${ran}/${rows.length}  ruled out stopped ${negated}/${rows.length}`);
    }
    for (const result of summary.results) {
      if (result.attack !== "asked" && result.attack !== "denied") lines.push(`  NOT STOPPED ${result.id} (${result.transformation}): ${result.attack}`);
      if (result.negated !== "asked" && result.negated !== "denied") lines.push(`  RULED OUT BUT RAN ${result.id}: ${result.negated}`);
    }
  }
  return lines.join("\n");
}
