// One case's scored result: the unit the cache stores, reports render and summaries count.
import type { EffectCheck } from "../effects/index.js";
import type { DecisionScore } from "./decision.js";
import type { GateStats } from "./gate-stats.js";
import type { ArgumentError } from "./taxonomy.js";

type CaseStatus = "passed" | "failed" | "error";
type CaseKind = "calls" | "no_call" | "any_call" | "effects";

/** A model response as scored: the first of each turn, exactly as the model sent it (names as the registry resolved them). */
export interface ScoredResponse {
  text: string;
  calls: Array<{ name: string; arguments: string }>;
  inputTokens: number;
  outputTokens: number;
  /** The model call's wall time. */
  latencyMs: number;
  /** The tools the model was shown for this response (a router may have narrowed the catalogue); absent in older reports. */
  exposedTools?: string[];
}

export interface ArgumentScore {
  correct: boolean;
  errors: ArgumentError[];
}

export interface CaseResult {
  id: string;
  category: string;
  kind: CaseKind;
  /** The model spec the case ran against. */
  model: string;
  /** Digest of the case definition: a changed case is never answered from the cache. */
  digest: string;
  status: CaseStatus;
  /** For calls, no_call and any_call cases. */
  decision?: DecisionScore;
  /** For calls cases: the BFCL AST checker's verdict on the scored calls. */
  arguments?: ArgumentScore;
  /** For effects cases. */
  effects?: EffectCheck;
  gate: GateStats;
  /** The first model response of each turn. */
  responses: ScoredResponse[];
  steps: number;
  latencyMs: number;
  modelLatencyMs: number;
  tokens: { input: number; output: number };
  /** Why the case failed or errored, one line each, for terminals, JUnit and HTML. */
  reasons: string[];
  /** A run or case error (model unreachable, ground truth refused); such results are not cached. */
  error?: string;
  /** What a diagnosis needs beyond the verdicts (the advisor reads it); absent in older reports and for BFCL suites. */
  evidence?: CaseEvidence;
}

/** Facts about a case's run that explain a failure: how big the catalogue was, and where argument values came from. */
interface CaseEvidence {
  /** Tools in the case's catalogue before any routing. */
  catalogSize: number;
  /** Expected parameters the model filled with a value none of the allowed ones match (calls cases only). */
  mismatches?: ArgumentMismatch[];
}

/**
 * One parameter the model got wrong, with where each value could have come from: "seen" means the value occurs in what
 * the conversation gave the model (system and user messages, tool results), after light normalisation; "in schema" that
 * the expected value is written in the exposed tools' descriptions or schemas (an enum choice, a documented example).
 * A value the model copied but should have converted, and a value nobody gave it, are different problems.
 */
export interface ArgumentMismatch {
  function: string;
  param: string;
  expected: unknown[];
  /** The model's value; undefined when it left the parameter out. */
  actual?: unknown;
  expectedSeen: boolean;
  expectedInSchema: boolean;
  actualSeen: boolean;
}
