// The decision framework as a table: for each finding, the lever to pull first, what to do, what to do when that is not
// enough, and the experiment that would confirm it. Accurate information → retrieval; actions among many tools →
// routing; consistent form → prompting (descriptions, examples) first, fine-tuning once prompting has been tried.
import type { Experiment, FindingKind, Lever } from "./advice.js";
import type { CaseFinding } from "./classify-case.js";
import type { Crowding } from "./crowding.js";
import { datasetRecipe } from "./dataset-recipe.js";

export interface RunContext {
  /** The report file (or label) of the run being advised on. */
  report: string;
  /** The case file or `bfcl:<categories>` the run answered. */
  suite: string;
  model: string;
}

export interface LeverAdvice {
  lever: Lever;
  summary: string;
  action: string;
  then?: string;
  /** The step `then` describes, taken instead when an earlier run shows the first lever was tried without effect. */
  next?: NextStep;
  experiment?: Experiment;
  recipe?: string;
}

export interface NextStep {
  lever: Lever;
  action: string;
  experiment?: Experiment;
}

/** Catalogues up to this size fit a prompt whole: a routing miss there is tested by showing every tool. */
const flatEnough = 20;

/** Cost order: when two findings explain as many cases, the cheaper lever comes first. */
export const leverCost: Record<Lever, number> = { none: 0, security: 0, prompting: 1, routing: 2, retrieval: 3, "fine-tuning": 4 };

export function adviseFinding(kind: FindingKind, findings: readonly CaseFinding[], run: RunContext, crowding?: Crowding): LeverAdvice {
  const tools = topCounts(findings.flatMap((finding) => finding.tools));
  const params = topCounts(findings.flatMap((finding) => finding.params));
  const toolList = tools.map(([name]) => name).join(", ");
  const paramList = params.map(([name]) => name).join(", ");
  const rerun = (label: string, extra: string[]): Experiment["commands"] => [
    `toolgate eval run ${quote(run.suite)} --model ${quote(run.model)} ${extra.join(" ")} --out advise-${label}`.replace(/\s+/g, " "),
    `toolgate eval compare ${quote(run.report)} advise-${label}/report.json`,
  ];
  const changed = (label: string, what: string): Experiment => ({
    description: `${what}, run the same cases again and compare: the finding's cases should pass, the rest should not get worse.`,
    commands: rerun(label, []),
  });
  const trainingRecipe = (focus: string) => datasetRecipe({ tools: tools.map(([name]) => name), focus, evalSuite: run.suite });
  const tuned: Experiment = {
    description: "build the training set from the recipe, train (the bundle's README has the one command), run the same cases on the tuned model and compare.",
    commands: ["toolgate advise … --recipe advise-recipe.yaml", "toolgate dataset build advise-recipe.yaml", ...rerun("tuned", []).map((command) => command.replace(quote(run.model), "<tuned model>"))],
  };
  const fineTune = (action: string): NextStep => ({ lever: "fine-tuning", action, experiment: tuned });

  switch (kind) {
    case "routing-miss": {
      // A catalogue small enough to show whole is the cleanest test (does the model choose right with every tool in view?).
      const largest = Math.max(0, ...findings.map((finding) => finding.catalogSize ?? 0));
      const router = largest > 0 && largest <= flatEnough ? "flat" : "hybrid";
      return {
        lever: "routing",
        summary: `the router left the expected tool out of view (${toolList})`,
        action: "widen what the router exposes: more tools per step or areas chosen per request (hybrid ranks tools and areas together), and enrich the missed tools' descriptions with example requests (`toolgate route enrich`)",
        then: "if the model still picks wrongly once the tool is in view, see the tools' descriptions",
        next: { lever: "prompting", action: `rewrite the descriptions of ${toolList} to say what requests each serves`, experiment: changed("descriptions", `Edit the descriptions of ${toolList}`) },
        experiment: {
          description: router === "flat" ? `the same cases with every tool in view (${largest} tools): the missed tools should now be called.` : "the same cases with the hybrid router: the missed tools should now be exposed and called.",
          commands: rerun(router, [`--router ${router}`]),
          runnable: { evalRunArgs: ["--router", router], out: `advise-${router}` },
        },
      };
    }
    case "crowded-catalog":
      return {
        lever: "routing",
        summary: crowding
          ? `wrong choices rise from ${percent(crowding.small.wrong, crowding.small.total)} with ≤ ${crowding.threshold} tools in view to ${percent(crowding.large.wrong, crowding.large.total)} with more (p = ${crowding.pValue.toPrecision(2)})`
          : "wrong choices rise with the number of tools in view",
        action: "route in two stages (capability areas first, then tools) so the model sees a handful of tools per step",
        then: "if routing exposes the right tools and choices are still wrong, fine-tune on rows with many tools",
        next: fineTune(`fine-tune on rows that choose ${toolList} among many tools`),
        experiment: { description: "the same cases with two-stage routing: decision accuracy on the large-catalogue cases should rise to the small-catalogue level.", commands: rerun("two-stage", ["--router two-stage"]), runnable: { evalRunArgs: ["--router", "two-stage"], out: "advise-two-stage" } },
      };
    case "confused-tools": {
      const pairs = topCounts(findings.flatMap((finding) => (finding.confusion ? [`${finding.confusion.expected} → ${finding.confusion.called}`] : [])));
      return {
        lever: "prompting",
        summary: `the model takes one tool for another${pairs.length > 0 ? ` (${pairs.map(([pair, count]) => `${pair} ×${count}`).join(", ")})` : ""}`,
        action: `rewrite the descriptions of ${toolList} to say when to use each and when not (name the other tool)`,
        then: "if the confusion persists with clear descriptions, fine-tune on rows that choose between these tools",
        next: fineTune(`fine-tune on rows that choose between ${toolList} (the recipe)`),
        experiment: changed("descriptions", `Edit the descriptions of ${toolList}`),
        recipe: trainingRecipe(`choosing between ${toolList}`),
      };
    }
    case "unwanted-call":
      return {
        lever: "prompting",
        summary: `the model calls tools on requests no tool serves (${toolList || "any tool"})`,
        action: "tell the model in the system prompt to answer without a tool when no tool fits, and tighten the called tools' descriptions to what they do",
        then: "if it still calls, fine-tune with no-call (irrelevance) rows",
        next: fineTune("fine-tune with no-call (irrelevance) rows beside calls of the same tools (the recipe mixes them half and half)"),
        experiment: changed("no-call-prompt", "Add the no-call instruction to the system prompt"),
        recipe: datasetRecipe({ tools: tools.map(([name]) => name), focus: "no-call rows for irrelevant requests", evalSuite: run.suite, shares: { "no-call": 0.5, "multiple": 0.5 } }),
      };
    case "missing-call":
      return {
        lever: "prompting",
        summary: `the model answers in text where a call to ${toolList} was wanted`,
        action: "say in the system prompt that actions and look-ups go through the tools, and describe in each tool what requests it serves",
        then: "if it still answers without calling, fine-tune on rows that call these tools",
        next: fineTune(`fine-tune on rows that call ${toolList} (the recipe)`),
        experiment: changed("call-prompt", "Add the instruction to the system prompt"),
        recipe: trainingRecipe(`calling ${toolList}`),
      };
    case "argument-format": {
      const examples = formatExamples(findings);
      return {
        lever: "prompting",
        summary: `arguments in the wrong form (${paramList})`,
        action: `put the expected form in the parameters' schema descriptions, with an example each${examples ? ` (${examples})` : ""}; an enum or pattern lets the gate's validation return a precise error the model can repair`,
        then: "if the form is still wrong with described schemas, fine-tune on rows that use these tools",
        next: fineTune(`fine-tune on rows that fill ${paramList} in the right form (the recipe)`),
        experiment: changed("schema-descriptions", `Describe the form of ${paramList} in the schemas`),
        recipe: trainingRecipe(`the argument forms of ${paramList}`),
      };
    }
    case "knowledge-gap":
      return {
        lever: "retrieval",
        summary: `values the calls needed were given nowhere — not by the user, any tool result or the schemas (${paramList})`,
        action: "give the model a retrieval tool over the documents that hold these facts (`toolgate rag ingest`, `defineRetrievalTool`) or a look-up tool that returns them; fine-tuning cannot teach facts that change",
        experiment: changed("retrieval", `Add a retrieval tool whose documents hold the values of ${paramList} to the cases' tools`),
      };
    case "argument-extraction":
      return {
        lever: "fine-tuning",
        summary: `the right values were in front of the model and it filled in others (${paramList})`,
        action: `fine-tune on rows that fill ${paramList} from the conversation; first check that the parameters' descriptions say which value they take`,
        experiment: tuned,
        recipe: trainingRecipe(`filling ${paramList} from the conversation`),
      };
    case "malformed-calls":
      return {
        lever: "prompting",
        summary: "call text the gate could not decode, or only after repair",
        action: "use the model's native tool-calling format (or constrained decoding for a local model) and show one well-formed call in the system prompt",
        then: "if calls are still malformed, fine-tune on well-formed calls in the model's own chat template",
        next: fineTune("fine-tune on well-formed calls in the model's own chat template (the recipe)"),
        experiment: changed("call-format", "Switch to native tool calling or add a formatted example"),
        recipe: trainingRecipe("well-formed calls"),
      };
    default:
      // Routing benchmarks, attack suites and dataset reports are advised on in side-reports.ts, never from a case.
      throw new RangeError(`finding ${kind} does not come from an evaluation case`);
  }
}

function formatExamples(findings: readonly CaseFinding[]): string {
  const seen = new Map<string, string>();
  for (const mismatch of findings.flatMap((finding) => finding.mismatches)) {
    const key = `${mismatch.function}.${mismatch.param}`;
    if (!seen.has(key) && mismatch.expected.length > 0) seen.set(key, `${key}: ${JSON.stringify(mismatch.expected[0])} not ${JSON.stringify(mismatch.actual)}`);
  }
  return [...seen.values()].slice(0, 3).join("; ");
}

/** Most frequent first, ties by name; at most five. */
function topCounts(values: readonly string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(1, whole))}% (${part}/${whole})`;
}

function quote(value: string): string {
  return /^[\w./:@,=+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
