// The error taxonomy eval reports use: decision errors (which functions) and per-parameter argument errors (what was wrong).
type DecisionErrorCode = "wrong_function" | "extra_call" | "missing_call" | "unexpected_call";

export type ArgumentErrorCode =
  | "missing_required"
  | "unexpected_param"
  | "missing_optional"
  | "type_error"
  | "value_error"
  | "wrong_function"
  | "extra_call"
  | "missing_call"
  | "unexpected_call"
  | "no_match"
  | "decode_error"
  | "other";

export interface DecisionError {
  code: DecisionErrorCode;
  expected?: string;
  actual?: string;
}

export interface ArgumentError {
  code: ArgumentErrorCode;
  /** The function the error is about, when known. */
  function?: string;
  /** The parameter the error is about, when known. */
  param?: string;
  message: string;
  /** The BFCL checker's own error type, e.g. `type_error:nested`, so results stay comparable with BFCL's. */
  source?: string;
}

/**
 * Maps a BFCL checker error type onto the taxonomy. Count errors need the call counts to say which way they went;
 * the parallel checker's "no match" names no parameter, so it stays `no_match` unless a per-call check refines it.
 */
export function argumentErrorCode(errorType: string, counts?: { expected: number; actual: number }): ArgumentErrorCode {
  const [, detail = ""] = errorType.split(":");
  if (errorType.startsWith("irrelevance")) return "unexpected_call";
  if (errorType.startsWith("ast_decoder") || errorType.includes("decoder")) return "decode_error";
  if (errorType.startsWith("type_error") || detail.startsWith("type_error") || detail.includes("type")) return "type_error";
  if (errorType.startsWith("value_error") || detail.startsWith("value_error")) return "value_error";
  if (detail === "wrong_func_name") return "wrong_function";
  if (detail === "missing_required") return "missing_required";
  if (detail === "unexpected_param") return "unexpected_param";
  if (detail === "missing_optional") return "missing_optional";
  if (detail === "wrong_count") return counts && counts.actual < counts.expected ? "missing_call" : "extra_call";
  if (detail === "cannot_find_match") return "no_match";
  return "other";
}

/** BFCL's messages name the parameter in quotes ("Invalid value for parameter 'unit'"); that is the only place it is given. */
export function parameterNamed(message: string): string | undefined {
  return /parameter:?\s*'([^']+)'/i.exec(message)?.[1] ?? /parameter:?\s*"([^"]+)"/i.exec(message)?.[1];
}
