// One AST-category entry, as BFCL's ast runner judges it: decode, check the output shape, then the AST checker.
import type { CheckResult } from "../ast/check-result.js";
import { invalid } from "../ast/check-result.js";
import { astChecker } from "../ast/ast-checker.js";
import type { Language } from "../ast/type-mappings.js";
import { isDecodeFailure } from "../decode/decode-error.js";
import type { ResultMode } from "../decode/decoded-output.js";
import { decodeAst, isFunctionCallingFormat, resolvedMode } from "../decode/decoded-output.js";
import type { PyValue } from "../../../python/py-value.js";

export interface AstEntryInput {
  result: PyValue;
  functions: PyValue;
  groundTruth: PyValue;
  category: string;
  language: Language;
  mode: ResultMode;
  underscoreToDot: boolean;
}

/** BFCL decodes Java and JavaScript prompt-mode text with separate parsers this checker does not implement. */
export class UnsupportedResultError extends Error {
  override readonly name = "UnsupportedResultError";
}

export function checkAstEntry(input: AstEntryInput): CheckResult {
  if (input.language !== "python" && resolvedMode(input.result, input.mode) === "prompting") {
    throw new UnsupportedResultError(`prompt-mode ${input.language} results need BFCL's ${input.language} call parser, which toolgate does not implement; score FC results`);
  }
  let decoded: PyValue;
  try {
    decoded = decodeAst(input.result, input.mode);
  } catch (error) {
    if (!isDecodeFailure(error)) throw error;
    return invalid("ast_decoder:decoder_failed", `Invalid syntax. Failed to decode AST. ${error.message}`);
  }
  if (!isFunctionCallingFormat(decoded)) {
    return invalid("ast_decoder:decoder_wrong_output_format", "Did not output in the specified format. Note: the model_result is wrapped in a string to ensure json serializability.");
  }
  return astChecker(input.functions, decoded, input.groundTruth, input.category, { language: input.language, underscoreToDot: input.underscoreToDot });
}
