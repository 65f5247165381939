// A `toolgate dataset build` recipe aimed at the tools a finding involves: the fine-tuning step of a recommendation,
// written so a team can run it once it has exported the governed traces of those tools.
import { stringify } from "yaml";

export interface RecipeRequest {
  tools: string[];
  /** What the rows should teach, for the recipe's name and comment. */
  focus: string;
  /** The evaluated suite: its cases must not leak into training (a case file; BFCL suites are named for the leakage step by the team). */
  evalSuite: string;
  /** Target composition by category (e.g. half no-call rows); the split keeps conversations whole. */
  shares?: Record<string, number>;
}

export function datasetRecipe(request: RecipeRequest): string {
  const steps: Array<Record<string, unknown>> = [
    { "import-traces": { capture: "sqlite:capture.db", audit: "sqlite:audit.db" } },
    { verify: { fix: true } },
    { dedupe: { threshold: 0.8 } },
  ];
  if (!request.evalSuite.startsWith("bfcl:")) steps.push({ leakage: { eval: [request.evalSuite] } });
  if (request.shares) steps.push({ mix: { shares: request.shares } });
  steps.push({ split: { ratios: { train: 0.9, heldout: 0.1 } } }, { export: { formats: ["trl", "openai"] } });
  const header = [
    `# toolgate advise: training rows for ${request.focus}.`,
    `# Rows come from governed runs of ${request.tools.join(", ") || "the tools involved"}: point capture and audit at the stores`,
    "# your runs wrote (toolgate run … --capture sqlite:capture.db --audit sqlite:audit.db); only calls the gate passed are kept.",
    "# The held-out split becomes eval cases for the before/after comparison (toolgate eval compare).",
  ];
  return `${header.join("\n")}\n${stringify({ name: `advise: ${request.focus}`, seed: 0, out: "advise-dataset", steps })}`;
}
