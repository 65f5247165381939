// One web-search or memory entry: the last step that is not a call must contain a ground-truth answer on word boundaries.
import type { CheckResult } from "../ast/check-result.js";
import { invalid, valid } from "../ast/check-result.js";
import { isDecodeFailure } from "../decode/decode-error.js";
import type { ResultMode } from "../decode/decoded-output.js";
import { decodeExecute, isEmptyExecuteResponse } from "../decode/decoded-output.js";
import { BfclCheckerCrash } from "../errors.js";
import { pyStr } from "../../../python/py-repr.js";
import { containsOnWordBoundaries } from "../../../python/py-text.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict, PyTuple, pyTruthy, pyTypeName } from "../../../python/py-value.js";
import { standardizeAgenticString } from "../standardize.js";

/** The result is one turn (a list of steps); the answer is the last step that does not decode as a call. */
export function checkAgenticEntry(result: PyValue, groundTruth: PyValue, mode: ResultMode): CheckResult {
  if (!Array.isArray(result) || result.length !== 1) {
    return invalid("agentic:inference_error", "Error during inference phase. Model did not output a list of model responses.");
  }
  let lastMessage: PyValue = null;
  for (const step of stepsOf(result[0] as PyValue)) {
    try {
      if (isEmptyExecuteResponse(decodeExecute(step, mode))) lastMessage = step;
    } catch (error) {
      if (!isDecodeFailure(error)) throw error;
      lastMessage = step;
    }
  }
  // Python truthiness: an empty final message counts as no message at all.
  if (!pyTruthy(lastMessage)) return invalid("agentic:no_last_message", "Cannot find the last chat message that is not a function call.");
  return agenticChecker(lastMessage, groundTruth);
}

/** Passes when a standardised answer occurs in the standardised response with a word boundary at both ends. */
export function agenticChecker(modelResponse: PyValue, possibleAnswers: PyValue): CheckResult {
  if (!Array.isArray(possibleAnswers)) throw new BfclCheckerCrash(`the ground truth is a ${pyTypeName(possibleAnswers)}, not a list`);
  const answers = possibleAnswers.map((answer) => {
    if (typeof answer !== "string") throw new BfclCheckerCrash(`a ground-truth answer is a ${pyTypeName(answer)}, not a string`);
    return standardizeAgenticString(answer);
  });
  // A response can be a list of strings; its first one is read.
  let response = modelResponse;
  if (Array.isArray(response)) response = response[0] as PyValue;
  const standardized = standardizeAgenticString(pyStr(response));
  if (answers.some((answer) => containsOnWordBoundaries(standardized, answer))) return valid;
  return invalid("agentic:answer_not_found", "None of the expected answers were found in the model response.");
}

function stepsOf(turn: PyValue): PyValue[] {
  if (Array.isArray(turn)) return turn;
  if (turn instanceof PyTuple) return [...turn.items];
  if (typeof turn === "string") return [...turn];
  if (turn instanceof PyDict) return turn.keys();
  throw new BfclCheckerCrash(`'${pyTypeName(turn)}' object is not iterable`);
}
