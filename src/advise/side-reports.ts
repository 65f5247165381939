// The advisor's other inputs: routing benchmarks (`npm run bench:route -- --json`), attack suites (`toolgate eval
// security --json`) and fine-tuning data reports (`dataset verify|dedupe|leakage --json`, a bundle's manifest.json).
// Each kind is recognised by its shape and read into findings with the same evidence an eval finding carries.
import { wilsonInterval } from "../eval/index.js";
import type { FindingKind, Recommendation } from "./advice.js";

export type SideReportKind = "route-bench" | "security" | "dataset-verify" | "dataset-dedupe" | "dataset-leakage" | "dataset-manifest";

export interface SideReport {
  label: string;
  kind: SideReportKind;
  report: Record<string, unknown>;
}

/** What the eval runs ask of the other reports: which tools and categories a fine-tuning step would need rows for. */
export interface SideContext {
  /** The first recommendation of the eval runs is a fine-tuning step. */
  fineTuning: boolean;
  /** Findings of the eval runs (to tell which training rows would be needed). */
  evalFindings: ReadonlySet<FindingKind>;
}

export interface SideAdvice {
  /** Findings that stop a fine-tuning step until fixed (leaking or broken rows): placed before any fine-tuning advice. */
  blockers: Recommendation[];
  security: Recommendation[];
  routing: Recommendation[];
  dataset: Recommendation[];
  notes: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Recognises a report by its fields; undefined for anything else (the CLI then names what it accepts). */
export function detectSideReportKind(value: unknown): SideReportKind | undefined {
  if (!isObject(value)) return undefined;
  if (value.bench === "route" && isObject(value.metaTool) && Array.isArray(value.metaTool.routers)) return "route-bench";
  if (typeof value.suite === "string" && ["agentdojo", "injecagent", "jailbreak-function", "toolemu", "transforms"].includes(value.suite)) return "security";
  if (typeof value.schema === "string" && value.schema.includes("manifest") && isObject(value.categories)) return "dataset-manifest";
  if (isNumber(value.rows) && isNumber(value.rowsWithErrors) && isObject(value.defects)) return "dataset-verify";
  if (isNumber(value.rows) && isNumber(value.kept) && Array.isArray(value.removed)) return "dataset-dedupe";
  if (isNumber(value.rows) && Array.isArray(value.leaking) && isNumber(value.evalItems)) return "dataset-leakage";
  return undefined;
}

export function adviseSideReports(reports: readonly SideReport[], context: SideContext): SideAdvice {
  const advice: SideAdvice = { blockers: [], security: [], routing: [], dataset: [], notes: [] };
  for (const input of reports) {
    switch (input.kind) {
      case "route-bench":
        routingAdvice(input, advice);
        break;
      case "security":
        securityAdvice(input, advice);
        break;
      default:
        datasetAdvice(input, context, advice);
    }
  }
  advice.security.sort((a, b) => b.evidence.cases / b.evidence.of - a.evidence.cases / a.evidence.of);
  return advice;
}

function recommendation(lever: Recommendation["lever"], finding: FindingKind, cases: number, of: number, parts: Omit<Recommendation, "lever" | "finding" | "evidence"> & { examples: string[]; details: string[] }): Recommendation {
  const { examples, details, ...rest } = parts;
  return { lever, finding, ...rest, evidence: { cases, of, interval: wilsonInterval(cases, of), examples, details } };
}

// ---------------------------------------------------------------------------------------------------------------
// Routing: exposed-gold recall by strategy on held-out requests.
// ---------------------------------------------------------------------------------------------------------------

interface RouterRow {
  router: string;
  queries: number;
  goldExposed: number;
  meanExposed?: number;
}

/** A gain smaller than this share of held-out requests is not worth a routing change. */
const routingGain = 0.05;

function routingAdvice(input: SideReport, advice: SideAdvice): void {
  const rows = ((input.report.metaTool as Record<string, unknown>).routers as unknown[]).filter(
    (row): row is RouterRow => isObject(row) && typeof row.router === "string" && isNumber(row.queries) && isNumber(row.goldExposed),
  );
  if (rows.length < 2) {
    advice.notes.push(`${input.label}: fewer than two routing strategies measured; nothing to compare`);
    return;
  }
  const best = rows.reduce((top, row) => (row.goldExposed > top.goldExposed ? row : top));
  // The baseline is what a team gets without choosing: the plain bm25 router when measured, else the weakest strategy.
  const baseline = rows.find((row) => /^bm25 router/.test(row.router)) ?? rows.reduce((low, row) => (row.goldExposed < low.goldExposed ? row : low));
  const gain = best.goldExposed - baseline.goldExposed;
  if (gain < routingGain) {
    advice.notes.push(`${input.label}: the best routing strategy (${best.router}) exposes the gold tool for ${pct(best.goldExposed)} of held-out requests, within ${pct(routingGain)} of ${baseline.router}: routing is not the lever`);
    return;
  }
  const missed = Math.round((1 - baseline.goldExposed) * baseline.queries);
  const recovered = Math.round(gain * baseline.queries);
  const name = routerName(best.router);
  const enriched = /enrich/.test(best.router);
  advice.routing.push(
    recommendation("routing", "routing-recall", recovered, baseline.queries, {
      summary: `${best.router} exposes the gold tool for ${pct(best.goldExposed)} of held-out requests, ${baseline.router} for ${pct(baseline.goldExposed)}`,
      action: `route with ${name}${enriched ? " and example requests per tool (`toolgate route enrich` → --examples)" : ""}: ${recovered} of the ${missed} requests whose tool the baseline hid would be shown it`,
      then: "if the model still picks wrongly with the right tool in view, the tool descriptions need telling apart (prompting)",
      examples: [input.label],
      details: rows
        .slice()
        .sort((a, b) => b.goldExposed - a.goldExposed)
        .slice(0, 5)
        .map((row) => `${row.router}: gold exposed ${pct(row.goldExposed)} of ${row.queries}${row.meanExposed !== undefined ? `, ${row.meanExposed} tools shown on average` : ""}`),
      experiment: {
        description: `run the eval with --router ${name}${enriched ? " --examples <file>" : ""} and compare: routing misses should fall and nothing else should get worse.`,
        commands: [`toolgate eval run <cases.yaml> --model <spec> --router ${name}${enriched ? " --examples <examples.json>" : ""} --out advise-${name}`, "toolgate eval compare <report.json> advise-" + name + "/report.json"],
      },
    }),
  );
}

function routerName(label: string): string {
  return ["two-stage", "hybrid", "embedding", "bm25", "flat"].find((name) => label.startsWith(name)) ?? "hybrid";
}

// ---------------------------------------------------------------------------------------------------------------
// Security: attack success and utility by defence.
// ---------------------------------------------------------------------------------------------------------------

interface DefenceOutcome {
  defence: string;
  /** Attacks that got through, of those tried. */
  succeeded: number;
  tried: number;
  /** User tasks still achieved, when the suite measures it. */
  utility?: { passed: number; total: number };
  examples: string[];
}

function securityAdvice(input: SideReport, advice: SideAdvice): void {
  const suite = input.report.suite as string;
  const outcomes = securityOutcomes(suite, input.report);
  if (outcomes.length === 0) {
    advice.notes.push(`${input.label}: ${suite} results carry no attack counts the advisor reads`);
    return;
  }
  const failing = outcomes.filter((outcome) => outcome.succeeded > 0);
  if (failing.length === 0) {
    advice.notes.push(`${input.label}: no ${suite} attack got through under ${outcomes.map((outcome) => outcome.defence).join(", ")}`);
    return;
  }
  // The defence to move to: fewest attacks through, then the most utility kept.
  const safest = outcomes.slice().sort((a, b) => a.succeeded / Math.max(1, a.tried) - b.succeeded / Math.max(1, b.tried) || utilityRate(b) - utilityRate(a))[0]!;
  for (const outcome of failing) {
    const better = safest !== outcome && safest.succeeded / Math.max(1, safest.tried) < outcome.succeeded / Math.max(1, outcome.tried);
    const utility = outcome.utility ? `; utility ${outcome.utility.passed}/${outcome.utility.total}` : "";
    advice.security.push(
      recommendation("security", "attacks-succeed", outcome.succeeded, outcome.tried, {
        summary: `${suite}: ${outcome.succeeded} of ${outcome.tried} attacks got through under ${outcome.defence}${utility}`,
        action: better
          ? `move to the ${safest.defence} defence (${safest.succeeded}/${safest.tried} through${safest.utility ? `, utility ${safest.utility.passed}/${safest.utility.total}` : ""}): taint rules and the stricter policy profile stop calls whose values came from untrusted results`
          : "add policy rules for the tools the attacks reached (deny or ask when an argument is tainted by a tool result), then run the suite again",
        then: "if utility drops too far, give the calls the user's own task needs an approval instead of a deny",
        examples: outcome.examples.length > 0 ? outcome.examples : [input.label],
        details: outcomes.map((each) => `${each.defence}: ${each.succeeded}/${each.tried} attacks through${each.utility ? `, utility ${each.utility.passed}/${each.utility.total}` : ""}`),
        experiment: {
          description: `run the ${suite} suite again with the stricter defence and compare attack success and utility.`,
          commands: [`toolgate eval security --suite ${suite}${suite === "jailbreak-function" || suite === "transforms" ? "" : " --data <attacks dir>"} --json`],
        },
      }),
    );
  }
}

function utilityRate(outcome: DefenceOutcome): number {
  return outcome.utility && outcome.utility.total > 0 ? outcome.utility.passed / outcome.utility.total : 0;
}

function securityOutcomes(suite: string, report: Record<string, unknown>): DefenceOutcome[] {
  const results = Array.isArray(report.results) ? report.results.filter(isObject) : [];
  const proportion = (value: unknown) => (isObject(value) && isNumber(value.passed) && isNumber(value.total) ? { passed: value.passed, total: value.total } : undefined);
  if (suite === "agentdojo") {
    // One row per (AgentDojo suite, defence); added up per defence.
    const byDefence = new Map<string, DefenceOutcome>();
    for (const row of results) {
      const attack = proportion(row.attackSuccess);
      if (!attack || typeof row.defence !== "string" || row.unavailable) continue;
      const outcome = byDefence.get(row.defence) ?? { defence: row.defence, succeeded: 0, tried: 0, utility: { passed: 0, total: 0 }, examples: [] };
      outcome.succeeded += attack.passed;
      outcome.tried += attack.total;
      const utility = proportion(row.utility);
      if (utility) outcome.utility = { passed: outcome.utility!.passed + utility.passed, total: outcome.utility!.total + utility.total };
      if (attack.passed > 0 && typeof row.suite === "string") outcome.examples.push(`${row.suite}/${row.defence}`);
      byDefence.set(row.defence, outcome);
    }
    return [...byDefence.values()];
  }
  if (suite === "injecagent") {
    const byDefence = new Map<string, DefenceOutcome>();
    for (const row of results) {
      if (!isNumber(row.total) || !isNumber(row.blocked)) continue;
      const defence = typeof row.defence === "string" ? row.defence : "default";
      const outcome = byDefence.get(defence) ?? { defence, succeeded: 0, tried: 0, examples: [] };
      outcome.succeeded += row.total - row.blocked;
      outcome.tried += row.total;
      if (row.total > row.blocked && typeof row.set === "string") outcome.examples.push(row.set);
      byDefence.set(defence, outcome);
    }
    return [...byDefence.values()];
  }
  if (suite === "jailbreak-function") {
    return results.flatMap((row) =>
      isNumber(row.total) && Array.isArray(row.through)
        ? [{ defence: typeof row.variant === "string" ? row.variant : "default", succeeded: row.through.length, tried: row.total, examples: row.through.filter((item): item is string => typeof item === "string").slice(0, 3) }]
        : [],
    );
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Fine-tuning data: defects, duplicates, leakage, composition.
// ---------------------------------------------------------------------------------------------------------------

/** A dataset where more than this share of rows are near-duplicates trains mostly on repeats. */
const duplicateShare = 0.2;
/** Fewest rows of a category a fine-tuning step aimed at it should have. */
const fewestRows = 50;

function datasetAdvice(input: SideReport, context: SideContext, advice: SideAdvice): void {
  const report = input.report;
  const rows = report.rows as number;
  if (input.kind === "dataset-leakage") {
    const leaking = (report.leaking as unknown[]).filter(isObject);
    if (leaking.length === 0) return void advice.notes.push(`${input.label}: no training row repeats an evaluation item`);
    advice.blockers.push(
      recommendation("fine-tuning", "dataset-leakage", leaking.length, rows, {
        summary: `${leaking.length} of ${rows} training rows repeat evaluation items: a fine-tuned model would be scored on what it memorised`,
        action: "drop the leaking rows before training: `toolgate dataset leakage <rows.jsonl> --eval <cases> -o <clean.jsonl>` writes the rest",
        examples: leaking.slice(0, 3).map((row) => String(row.id ?? row.rowId ?? "?")),
        details: Object.entries(isObject(report.bySet) ? report.bySet : {}).map(([set, count]) => `${set}: ${String(count)} leaking rows`),
        experiment: { description: "check again after dropping them: no row should leak.", commands: ["toolgate dataset leakage <clean.jsonl> --eval <cases> --json"] },
      }),
    );
    return;
  }
  if (input.kind === "dataset-verify") {
    const broken = report.rowsWithErrors as number;
    if (broken === 0) return void advice.notes.push(`${input.label}: every row verifies`);
    const defects = Object.entries(report.defects as Record<string, unknown>).map(([kind, count]) => `${kind}: ${isObject(count) ? String(count.rows ?? count.count ?? JSON.stringify(count)) : String(count)}`);
    advice.blockers.push(
      recommendation("fine-tuning", "dataset-defects", broken, rows, {
        summary: `${broken} of ${rows} training rows have errors (calls that break their schema, broken turns): the model would learn them`,
        action: "repair what is lossless and drop the rest: `toolgate dataset verify <rows.jsonl> --fix -o <fixed.jsonl>`",
        examples: [input.label],
        details: defects.slice(0, 6),
        experiment: { description: "verify the fixed rows: no row should have an error.", commands: ["toolgate dataset verify <fixed.jsonl> --json"] },
      }),
    );
    return;
  }
  if (input.kind === "dataset-dedupe") {
    const removed = (report.removed as unknown[]).length;
    if (removed / Math.max(1, rows) <= duplicateShare) return void advice.notes.push(`${input.label}: ${removed} of ${rows} rows are duplicates (fine)`);
    advice.dataset.push(
      recommendation("fine-tuning", "dataset-duplicates", removed, rows, {
        summary: `${removed} of ${rows} training rows are duplicates: the data is mostly repeats`,
        action: "train on the deduplicated rows, and capture more varied requests before the next build",
        examples: [input.label],
        details: [`rule: ${String(report.rule ?? "")}`],
        experiment: { description: "rebuild the dataset from the deduplicated rows and re-run the fine-tuning comparison.", commands: ["toolgate dataset dedupe <rows.jsonl> -o <unique.jsonl>", "toolgate dataset build <recipe.yaml>"] },
      }),
    );
    return;
  }
  // A bundle manifest: the composition by category against what the eval's fine-tuning step would need.
  const categories = report.categories as Record<string, unknown>;
  const total = Object.values(categories).reduce<number>((sum, count) => sum + (isNumber(count) ? count : 0), 0);
  const needed: string[] = [];
  if (context.evalFindings.has("unwanted-call") || context.evalFindings.has("missing-call")) needed.push("no-call");
  if (context.evalFindings.has("argument-format") || context.evalFindings.has("argument-extraction") || context.evalFindings.has("confused-tools")) needed.push("single", "multiple");
  const short = needed.filter((category) => (isNumber(categories[category]) ? categories[category] : 0) < fewestRows);
  if (short.length === 0) return void advice.notes.push(`${input.label}: ${total} rows; composition ${JSON.stringify(categories)}`);
  const have = short.map((category) => `${category}: ${isNumber(categories[category]) ? categories[category] : 0} rows`);
  advice.dataset.push(
    recommendation("fine-tuning", "dataset-gap", short.length, needed.length, {
      summary: `the dataset has too few rows of the kind the failing cases need (${have.join(", ")}; at least ${fewestRows} each)`,
      action: `add ${short.join(" and ")} rows before training: capture them (\`toolgate dataset import --format trace\`) or let \`toolgate advise --recipe\` write a recipe aimed at the failing tools`,
      examples: [input.label],
      details: Object.entries(categories).map(([category, count]) => `${category}: ${String(count)}`),
      experiment: { description: "rebuild the bundle and check its composition.", commands: ["toolgate dataset build <recipe.yaml>"] },
    }),
  );
}

function pct(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
