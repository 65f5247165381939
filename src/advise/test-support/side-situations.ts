// Test support: constructed situations for the advisor's other inputs — routing benchmarks, attack suites and dataset
// reports, in the exact JSON shapes `npm run bench:route -- --json`, `toolgate eval security --json` and `toolgate
// dataset verify|leakage --json` / a bundle manifest print — alone or beside a real eval run of a situation in
// situations.ts (named by `withEval`), each with the lever that fixes its root cause.
import type { Lever } from "../advice.js";

export interface SideSituation {
  name: string;
  cause: string;
  expected: Lever;
  /** The finding the first recommendation should carry, when it matters which. */
  expectedFinding?: string;
  /** An eval situation (situations.ts) whose runs are given first. */
  withEval?: string;
  reports: Array<{ label: string; report: unknown }>;
}

const routerRow = (router: string, goldExposed: number, meanExposed: number) => ({ router, queries: 4163, goldExposed, meanExposed, meanAreas: 0, fallbacks: 0 });
const routeBench = (rows: ReturnType<typeof routerRow>[]) => ({ bench: "route", node: "v20", metaTool: { tools: 199, heldOut: 4163, rows: [], routers: rows }, bfclPool: {}, latency: [] });
const agentDojoRow = (suite: string, defence: string, attacks: [number, number], utility: [number, number]) => ({
  suite,
  defence,
  description: defence,
  utility: { passed: utility[0], total: utility[1] },
  utilityWithApproval: { passed: utility[0], total: utility[1] },
  approvalTasks: 0,
  approvalCalls: 0,
  utilityUnderAttack: { passed: utility[0], total: utility[1] },
  attackSuccess: { passed: attacks[0], total: attacks[1] },
  pairs: attacks[1],
});
const leakage = (leaking: number, rows: number) => ({ rows, leaking: Array.from({ length: leaking }, (_, index) => ({ id: `row-${index}`, evalId: `case-${index}`, set: "cases.yaml", similarity: 1 })), evalItems: 40, bySet: { "cases.yaml": leaking } });
const manifest = (categories: Record<string, number>) => ({
  schema: "toolgate.dataset-manifest/1",
  createdAt: "2026-12-07T00:00:00Z",
  trainer: "trl",
  baseModel: "x",
  template: { name: "chatml", sha256: "0" },
  tokenizer: "llama2",
  maxTokens: 4096,
  rows: { train: 100, eval: 10 },
  tokens: { train: 1, trained: 1 },
  categories,
  sources: [],
  filters: {},
  seeds: {},
});

export const sideSituations: SideSituation[] = [
  {
    name: "bench-hybrid-enriched-far-ahead",
    cause: "the plain bm25 router hides the gold tool for a third of held-out requests; hybrid with examples shows it",
    expected: "routing",
    expectedFinding: "routing-recall",
    reports: [{ label: "route.json", report: routeBench([routerRow("bm25 router (k 8)", 0.672, 7.4), routerRow("two-stage + enriched, ≤ 3 areas within 0.5 of the best (default)", 0.92, 23.4), routerRow("hybrid + enriched (default areas)", 0.972, 16)]) }],
  },
  {
    name: "healthy-eval-but-routing-gain",
    cause: "the eval cases pass, but on held-out requests another routing strategy exposes the tool far more often",
    expected: "routing",
    withEval: "healthy",
    reports: [{ label: "route.json", report: routeBench([routerRow("bm25 router (k 8)", 0.6, 7.4), routerRow("hybrid (picker bm25, k 8, cap 16, default areas)", 0.8, 15.8)]) }],
  },
  {
    name: "agentdojo-injections-through",
    cause: "with no defence, injected instructions make the model call the attacker's tools; the taint defence stops them",
    expected: "security",
    expectedFinding: "attacks-succeed",
    reports: [
      {
        label: "agentdojo.json",
        report: { suite: "agentdojo", results: [agentDojoRow("banking", "none", [30, 144], [12, 16]), agentDojoRow("banking", "taint", [0, 144], [11, 16]), agentDojoRow("slack", "none", [20, 105], [15, 21]), agentDojoRow("slack", "taint", [1, 105], [14, 21])] },
      },
    ],
  },
  {
    name: "injecagent-misses-beside-date-failures",
    cause: "attacks get through InjecAgent's direct-harm set; the eval's date failures come after the leak",
    expected: "security",
    withEval: "us-dates",
    reports: [{ label: "injecagent.json", report: { suite: "injecagent", results: [{ set: "dh", total: 100, blocked: 91, blockedWithoutApproval: 80, flaggedByTaint: 10, missed: [] }, { set: "ds", total: 100, blocked: 100, blockedWithoutApproval: 90, flaggedByTaint: 5, missed: [] }] } }],
  },
  {
    name: "jailbreak-content-reaches-tool",
    cause: "harmful content reaches the output-only tool under the default defences",
    expected: "security",
    reports: [{ label: "jailbreak.json", report: { suite: "jailbreak-function", results: [{ variant: "default", total: 20, refused: 17, byDefence: {}, through: ["s1", "s2", "s3"] }] } }],
  },
  {
    name: "leaking-rows-before-tuning",
    cause: "the eval calls for fine-tuning on dates, but the training rows repeat the evaluation's cases",
    expected: "fine-tuning",
    expectedFinding: "dataset-leakage",
    withEval: "dates-persist-after-descriptions",
    reports: [{ label: "leakage.json", report: leakage(12, 300) }],
  },
  {
    name: "broken-training-rows",
    cause: "a fifth of the training rows fail verification (calls that break their schemas)",
    expected: "fine-tuning",
    expectedFinding: "dataset-defects",
    reports: [{ label: "verify.json", report: { rows: 500, rowsWithErrors: 100, rowsWithWarnings: 3, rejected: 0, repairedOnImport: {}, fixed: {}, defects: { "arguments-schema": { rows: 90, severity: "error" }, "orphan-tool-message": { rows: 10, severity: "error" } } } }],
  },
  {
    name: "irrelevant-calls-and-no-no-call-rows",
    cause: "the model calls on irrelevant prompts (prompting first); the dataset has no no-call rows for the fine-tuning step after",
    expected: "prompting",
    withEval: "calls-on-irrelevant",
    reports: [{ label: "manifest.json", report: manifest({ single: 400, multiple: 200, "no-call": 3 }) }],
  },
  {
    name: "clean-data-and-safe-defences-keep-eval-advice",
    cause: "the eval shows a knowledge gap; the dataset is clean and no attack got through, so retrieval stays first",
    expected: "retrieval",
    withEval: "order-ids-not-given",
    reports: [
      { label: "leakage.json", report: leakage(0, 300) },
      { label: "agentdojo.json", report: { suite: "agentdojo", results: [agentDojoRow("banking", "taint", [0, 144], [11, 16])] } },
    ],
  },
];
