// Scores one BFCL multi-turn entry the way the reference's multi_turn_runner and multi_turn_checker do.
import type { SimulatedApi } from "./apis/simulated-api.js";
import { ApiSide, type EntryContext } from "./execution/api-side.js";
import { findStateMismatch } from "./check/state-check.js";
import { missingResults } from "./check/response-check.js";
import { decodeFcStep } from "./decode/decode-fc-step.js";
import { decodePromptStep } from "./decode/decode-prompt-step.js";
import { fromJsonInput } from "../../../python/runtime/from-json-value.js";
import { pyRepr } from "../../../python/py-repr.js";
import { toPlainJson, type PlainJson } from "../../../python/runtime/to-plain-json.js";
import { PyDict, type PyValue } from "../../../python/py-value.js";
import { ReferenceRuntime } from "./reference-runtime.js";

export interface MultiTurnCheckInput {
  id: string;
  category: string;
  /**
   * The question entry (id, initial_config, involved_classes, …) as its raw JSON line, as parsed
   * by lossless-json, or as Python-style values (bigint ints, number floats, dicts with `items()`).
   * A plain `JSON.parse` result is refused: it reads a config's `10.0` as `10`, and the reference
   * prints those differently (`40.0` vs `40`), which changes verdicts.
   */
  question: unknown;
  /** The possible-answer entry (`{ground_truth: string[][]}`) or the ground_truth list itself. */
  possibleAnswer: unknown;
  /** The raw `result` field of the result file: per turn, per step, the model's calls. */
  modelResult: unknown;
}

export interface TurnExecution {
  /** Per decoded step, each call's result string. */
  model: string[][];
  groundTruth: string[];
}

export interface MultiTurnVerdict {
  valid: boolean;
  errorType?: string;
  message?: string;
  details?: {
    executionResults?: TurnExecution[];
    /** For a state mismatch: attribute → repr of the model's and the ground truth's value. */
    differences?: Record<string, { model: string; groundTruth: string }>;
    /** For a state mismatch: the mismatching class's public attributes on each side (JSON, str() otherwise). */
    modelState?: Record<string, PlainJson>;
    groundTruthState?: Record<string, PlainJson>;
    missingResults?: string[];
    /** For a response mismatch: every model result so far, and the turn's ground-truth results. */
    modelResultsSoFar?: string[];
    groundTruthResults?: string[];
  };
}

export interface CheckMultiTurnOptions {
  /**
   * The evaluation process the entry runs in. Entries checked through one runtime, in the
   * reference's order, share what the reference's process shares; without one, the entry runs alone.
   */
  runtime?: ReferenceRuntime;
  /** How string steps are read: "fc" skips them (a text reply), "prompt" parses them as a call list. */
  stepFormat?: "fc" | "prompt";
  /**
   * false leaves out a failed verdict's details (both sides' states, the reprs of what differs): scoring reports only
   * the error type and message, and building the states was a tenth of checking a failed entry.
   */
  details?: boolean;
}

/** Thrown when the question or possible answer is not shaped like BFCL's multi-turn data. */
export class MultiTurnInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultiTurnInputError";
  }
}

function entryContext(input: MultiTurnCheckInput): EntryContext {
  const question = fromJsonInput(input.question, (value) => {
    throw new MultiTurnInputError(
      `question for ${input.id} holds the plain JS number ${value}, which may have been ${value} or ${value}.0 in the file: ` +
        "pass the question's raw JSON line (e.g. question: line.text), a lossless-json parse, or Python-style values (bigint ints)",
    );
  });
  if (!(question instanceof PyDict)) throw new MultiTurnInputError(`question for ${input.id} must be the BFCL question object (with initial_config and involved_classes)`);
  const involved = question.get("involved_classes");
  if (!Array.isArray(involved) || !involved.every((name) => typeof name === "string")) {
    throw new MultiTurnInputError(`question for ${input.id} has no involved_classes list: pass the entry from BFCL_v4_<category>.json`);
  }
  const initialConfig = question.get("initial_config");
  const id = typeof question.get("id") === "string" ? (question.get("id") as string) : input.id;
  // The reference reads the long-context flag off the id's category, not the file it came from.
  const category = id.includes("_") ? id.slice(0, id.lastIndexOf("_")) : input.category;
  return {
    id,
    initialConfig: initialConfig instanceof PyDict ? initialConfig : new PyDict(),
    involvedClasses: involved as string[],
    longContext: category.includes("long_context") || category.includes("composite"),
  };
}

function groundTruthTurns(input: MultiTurnCheckInput): string[][] {
  const answer = input.possibleAnswer;
  const turns = Array.isArray(answer) ? answer : (answer as { ground_truth?: unknown } | null)?.ground_truth;
  if (!Array.isArray(turns) || !turns.every((turn) => Array.isArray(turn) && turn.every((call) => typeof call === "string"))) {
    throw new MultiTurnInputError(`possible answer for ${input.id} must hold ground_truth: string[][] (one list of call strings per turn)`);
  }
  return turns as string[][];
}

function decodeTurn(turn: unknown, stepFormat: "fc" | "prompt"): string[][] {
  const steps: unknown[] = Array.isArray(turn) ? turn : typeof turn === "string" ? [...turn] : [];
  const decoded: string[][] = [];
  for (const step of steps) {
    const calls = stepFormat === "prompt" && typeof step === "string" ? decodePromptStep(step) : decodeFcStep(step);
    // A step that does not decode, or decodes to nothing, is not a function call (the reference skips it).
    if (calls === undefined || calls.length === 0) continue;
    decoded.push(calls);
  }
  return decoded;
}

/**
 * Checks one multi-turn entry. The model's calls and the ground truth's run against separate
 * instances; after each turn with a non-empty ground truth, the model must have answered, every
 * public attribute must match, and the turn's ground-truth results must be among all the model's
 * results so far. Error types are the reference's (`multi_turn:…`).
 */
export function checkMultiTurnEntry(input: MultiTurnCheckInput, options: CheckMultiTurnOptions = {}): MultiTurnVerdict {
  const groundTruth = groundTruthTurns(input);
  const modelResult = input.modelResult;
  if (!Array.isArray(modelResult)) {
    return {
      valid: false,
      errorType: "multi_turn:inference_error",
      message: "Error during inference phase. Model did not output a list of model responses.",
    };
  }
  if (modelResult.length !== groundTruth.length) {
    return {
      valid: false,
      errorType: "multi_turn:force_terminated",
      message: `Model was force-terminated during inference phase. The length of the model result turns (${modelResult.length}) does not match the length of the ground truth turns (${groundTruth.length}).`,
    };
  }
  const decodedTurns = modelResult.map((turn) => decodeTurn(turn, options.stepFormat ?? "fc"));
  const entry = entryContext(input);
  const runtime = options.runtime ?? new ReferenceRuntime();
  const modelSide = new ApiSide(runtime, entry, "model");
  const groundTruthSide = new ApiSide(runtime, entry, "ground_truth");
  const executionResults: TurnExecution[] = [];
  const allModelResults: string[] = [];

  for (const [turnIndex, groundTruthCalls] of groundTruth.entries()) {
    const steps = decodedTurns[turnIndex] as string[][];
    const modelStepResults = steps.map((calls) => modelSide.execute(calls));
    const groundTruthResults = groundTruthSide.execute(groundTruthCalls);
    const turnModelResults = modelStepResults.flat();
    allModelResults.push(...turnModelResults);
    executionResults.push({ model: modelStepResults, groundTruth: groundTruthResults });

    if (groundTruthCalls.length === 0) continue;
    if (steps.length === 0) {
      return {
        valid: false,
        errorType: "multi_turn:empty_turn_model_response",
        message: `Model response list is empty for turn ${turnIndex}`,
        details: { executionResults },
      };
    }
    const mismatch = findStateMismatch(modelSide.apis(), groundTruthSide.apis());
    if (mismatch && options.details === false) {
      return {
        valid: false,
        errorType: "multi_turn:instance_state_mismatch",
        message: `Model instance for ${mismatch.className} does not match the state with ground truth instance.`,
      };
    }
    if (mismatch) {
      const differences: Record<string, { model: string; groundTruth: string }> = {};
      for (const [attribute, pair] of mismatch.differences) {
        differences[attribute] = { model: pyRepr(pair.model as PyValue), groundTruth: pyRepr(pair.groundTruth as PyValue) };
      }
      const stateOf = (side: ApiSide) =>
        Object.fromEntries((side.apis().get(mismatch.className) as SimulatedApi).publicState().map(([name, value]) => [name, toPlainJson(value)]));
      return {
        valid: false,
        errorType: "multi_turn:instance_state_mismatch",
        message: `Model instance for ${mismatch.className} does not match the state with ground truth instance.`,
        details: { executionResults, differences, modelState: stateOf(modelSide), groundTruthState: stateOf(groundTruthSide) },
      };
    }
    const missing = missingResults(groundTruthResults, allModelResults);
    if (missing.length > 0) {
      return {
        valid: false,
        errorType: "multi_turn:execution_response_mismatch",
        message: `Model response execution results so far does not contain all the ground truth response execution results for turn ${turnIndex}.`,
        details: { executionResults, missingResults: missing, modelResultsSoFar: [...allModelResults], groundTruthResults },
      };
    }
  }
  return { valid: true, details: { executionResults } };
}
