// The advisor: reads evaluation reports and says which lever to pull next, with the evidence. The last report is the
// run advised on; earlier reports of the same suite tell whether a lever was already tried without effect.
import type { Advice, RunOverview } from "./advice.js";
import type { AdviseInput } from "./diagnose-run.js";
import { diagnoseRun } from "./diagnose-run.js";
import { escalatePersistent } from "./escalate.js";

export function adviseRuns(inputs: readonly AdviseInput[]): Advice {
  const latest = inputs.at(-1);
  if (!latest) throw new RangeError("the advisor needs at least one evaluation report");
  const diagnosis = diagnoseRun(latest);
  const earlier = inputs.slice(0, -1).filter((input) => input.report.suite === latest.report.suite).map(diagnoseRun);
  const recommendations = escalatePersistent(diagnosis, earlier);
  const notes = [...diagnosis.notes];
  const skipped = inputs.slice(0, -1).filter((input) => input.report.suite !== latest.report.suite);
  if (skipped.length > 0) notes.push(`not compared (another suite than ${latest.report.suite}): ${skipped.map((input) => input.label).join(", ")}`);
  return { runs: inputs.map(overview), recommendations, unexplained: diagnosis.unexplained, notes };
}

function overview(input: AdviseInput): RunOverview {
  const results = input.report.results;
  return {
    label: input.label,
    suite: input.report.suite,
    model: input.report.model,
    cases: results.length,
    passed: results.filter((result) => result.status === "passed").length,
    failed: results.filter((result) => result.status === "failed").length,
    errors: results.filter((result) => result.status === "error").length,
  };
}
