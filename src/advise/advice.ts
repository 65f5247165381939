// What the advisor says: the levers a team can pull, the findings that point at them, and one recommendation per
// finding with its evidence (counts, interval, example cases) and the experiment that would confirm it.
import type { Interval } from "../eval/index.js";

/**
 * The four levers of the decision framework, "security" (policy and defences, from attack-suite reports), and "none"
 * for a run with nothing worth pulling a lever for.
 */
export type Lever = "routing" | "prompting" | "retrieval" | "fine-tuning" | "security" | "none";

/** What a failed case shows, decided from the recorded evidence (never from the case's name or category). */
export type FindingKind =
  /** The router hid the expected tool: the model never had the chance. */
  | "routing-miss"
  /** The model chooses wrongly only when shown many tools. */
  | "crowded-catalog"
  /** The model keeps taking one tool for another in a small set: their descriptions do not tell them apart. */
  | "confused-tools"
  /** A call where none was wanted (irrelevant requests). */
  | "unwanted-call"
  /** No call where one was wanted: the model answered in text. */
  | "missing-call"
  /** The model had the value but in another form (date format, units, enum spelling, copied instead of converted). */
  | "argument-format"
  /** Nobody gave the model the value: not in the prompt, not in any tool result, not in the schemas. */
  | "knowledge-gap"
  /** The value was in front of the model and it filled in another. */
  | "argument-extraction"
  /** The call text could not be decoded, or only after repair. */
  | "malformed-calls"
  /** A routing benchmark: another strategy exposes the gold tool for clearly more held-out requests. */
  | "routing-recall"
  /** An attack suite: attacks got through under a defence. */
  | "attacks-succeed"
  /** Training rows repeat evaluation items. */
  | "dataset-leakage"
  /** Training rows that fail verification. */
  | "dataset-defects"
  /** Training rows that are mostly duplicates. */
  | "dataset-duplicates"
  /** Too few training rows of the kind the failing cases need. */
  | "dataset-gap";

interface Evidence {
  /** Failed cases this finding explains. */
  cases: number;
  /** Cases in the run. */
  of: number;
  /** 95% Wilson interval of cases / of. */
  interval: Interval;
  /** A few case ids to look at first. */
  examples: string[];
  /** One line each: which tools, which parameters, which values, how often. */
  details: string[];
}

export interface Experiment {
  /** What to change and what result would confirm the recommendation. */
  description: string;
  /** Commands to run it, in order; `<…>` marks what the team fills in. */
  commands: string[];
  /** Present when `toolgate advise --run` can run it as is: the changed `eval run` arguments and its --out directory. */
  runnable?: { evalRunArgs: string[]; out: string };
}

export interface Recommendation {
  lever: Lever;
  finding: FindingKind | "healthy";
  /** One line: what is wrong. */
  summary: string;
  /** What to do first. */
  action: string;
  /** What to do when the first step does not get there. */
  then?: string;
  evidence: Evidence;
  experiment?: Experiment;
  /** For fine-tuning steps: a `toolgate dataset build` recipe aimed at the tools involved. */
  recipe?: string;
  /** Why an earlier lever was passed over (e.g. the same finding persisted through a prompting change). */
  escalation?: string;
}

export interface RunOverview {
  label: string;
  suite: string;
  model: string;
  cases: number;
  passed: number;
  failed: number;
  errors: number;
}

export interface Advice {
  runs: RunOverview[];
  /** Best first: the most failed cases explained, then the cheaper lever. */
  recommendations: Recommendation[];
  /** Failed cases no finding explains. */
  unexplained: string[];
  /** What the advisor could not judge, and why (e.g. reports without evidence fields). */
  notes: string[];
}
