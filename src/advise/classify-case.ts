// Why one case failed, from what the run recorded: the exposed tools, the decision and argument verdicts, the gate's
// stages and the argument evidence. One primary finding per failed case, so counts add up to the failures explained.
import type { ArgumentMismatch, CaseResult } from "../eval/index.js";
import type { FindingKind } from "./advice.js";

export interface CaseFinding {
  caseId: string;
  /** Undefined when the record does not say enough (an older report, an errored case). */
  kind?: FindingKind;
  /** Tools the finding is about (expected tool, or the function whose arguments were wrong). */
  tools: string[];
  /** `function.param` for argument findings. */
  params: string[];
  /** For wrong choices: the tool that was wanted and the one called instead. */
  confusion?: { expected: string; called: string };
  /** Tools the model was shown for the scored response. */
  exposed?: number;
  /** Tools in the case's catalogue before routing. */
  catalogSize?: number;
  mismatches: ArgumentMismatch[];
}

type ArgumentClass = "argument-format" | "knowledge-gap" | "argument-extraction";

/** Decide the primary finding of a failed case; passed cases are not classified. */
export function classifyCase(result: CaseResult): CaseFinding {
  const base: CaseFinding = { caseId: result.id, tools: [], params: [], mismatches: [] };
  const exposedTools = result.responses[0]?.exposedTools;
  if (exposedTools) base.exposed = exposedTools.length;
  else if (result.evidence) base.exposed = result.evidence.catalogSize;
  if (result.evidence) base.catalogSize = result.evidence.catalogSize;

  if (isMalformed(result)) return { ...base, kind: "malformed-calls", tools: result.decision?.expected ?? [] };

  const decision = result.decision;
  if (decision && !decision.correct) {
    if (result.kind === "no_call") return { ...base, kind: "unwanted-call", tools: decision.actual };
    const expected = decision.expected;
    const hidden = exposedTools ? expected.filter((name) => !exposedTools.includes(name)) : [];
    if (hidden.length > 0) return { ...base, kind: "routing-miss", tools: hidden };
    if (decision.actual.length === 0) return { ...base, kind: "missing-call", tools: expected };
    const wrong = decision.errors.find((error) => error.code === "wrong_function");
    return {
      ...base,
      kind: "confused-tools",
      tools: expected,
      ...(wrong?.expected && wrong.actual ? { confusion: { expected: wrong.expected, called: wrong.actual } } : {}),
    };
  }

  const mismatches = result.evidence?.mismatches ?? [];
  if (result.arguments && !result.arguments.correct && mismatches.length > 0) {
    const kind = majority(mismatches.map(classifyMismatch));
    const chosen = mismatches.filter((mismatch) => classifyMismatch(mismatch) === kind);
    return {
      ...base,
      kind,
      tools: [...new Set(chosen.map((mismatch) => mismatch.function))],
      params: [...new Set(chosen.map((mismatch) => `${mismatch.function}.${mismatch.param}`))],
      mismatches: chosen,
    };
  }
  return base;
}

/**
 * A wrong value the model had in another form (or copied from the conversation where a conversion was due) is a
 * format problem; a value neither the conversation nor the schemas hold, with the model's own value not from the
 * conversation either, is knowledge it lacked; a value it had in front of it (in the conversation or as a documented
 * choice) and replaced with another is an extraction mistake.
 */
export function classifyMismatch(mismatch: ArgumentMismatch): ArgumentClass {
  const given = Object.hasOwn(mismatch, "actual");
  if (given && mismatch.expected.some((expected) => sameContent(expected, mismatch.actual))) return "argument-format";
  if (given && mismatch.actualSeen && !mismatch.expectedSeen) return "argument-format";
  if (!mismatch.expectedSeen && !mismatch.expectedInSchema && !mismatch.actualSeen) return "knowledge-gap";
  return "argument-extraction";
}

function isMalformed(result: CaseResult): boolean {
  if ((result.gate.rejected.decode ?? 0) > 0) return true;
  return result.arguments?.errors.some((error) => error.code === "decode_error") ?? false;
}

/**
 * The same content in another form: the same digits (dates, phone numbers with or without a country code), the same
 * letters (case, spacing, punctuation), or the same number in another unit (a power of ten apart: cents, milliseconds).
 */
export function sameContent(expected: unknown, actual: unknown): boolean {
  const expectedNumber = asNumber(expected);
  const actualNumber = asNumber(actual);
  if (expectedNumber !== undefined && actualNumber !== undefined) {
    if (expectedNumber === actualNumber) return true;
    if (expectedNumber === 0 || actualNumber === 0) return false;
    const ratio = Math.log10(Math.abs(actualNumber / expectedNumber));
    return Math.abs(ratio - Math.round(ratio)) < 1e-9 && Math.abs(Math.round(ratio)) <= 3;
  }
  if (typeof expected !== "string" || typeof actual !== "string") return false;
  const expectedDigits = expected.replace(/\D/g, "");
  const actualDigits = actual.replace(/\D/g, "");
  if (expectedDigits.length >= 4 && actualDigits.length >= 4) {
    if (sorted(expectedDigits) === sorted(actualDigits)) return true;
    if (expectedDigits.length >= 7 && (expectedDigits.endsWith(actualDigits) || actualDigits.endsWith(expectedDigits))) return true;
  }
  const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  return letters(expected) !== "" && letters(expected) === letters(actual);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

const sorted = (text: string) => [...text].sort().join("");

/** The most frequent class; ties go to the first in the order format, knowledge, extraction (the cheaper lever first). */
function majority(classes: ArgumentClass[]): ArgumentClass {
  const order: ArgumentClass[] = ["argument-format", "knowledge-gap", "argument-extraction"];
  let best: ArgumentClass = "argument-extraction";
  let bestCount = -1;
  for (const kind of order) {
    const count = classes.filter((candidate) => candidate === kind).length;
    if (count > bestCount) {
      best = kind;
      bestCount = count;
    }
  }
  return best;
}
