// Finds the multi-turn checker (src/eval/bfcl/multi-turn/, written separately) without making this room depend on it.

/**
 * One multi-turn entry, as plain JSON: `question` is the whole question line (id, question turns, initial_config,
 * involved_classes, missed_function…), `possibleAnswer` its `ground_truth` (a list of turns of call strings) and
 * `modelResult` the result line's `result` (a list of turns of steps).
 */
export interface MultiTurnEntryInput {
  id: string;
  category: string;
  question: unknown;
  possibleAnswer: unknown;
  modelResult: unknown;
}

export interface MultiTurnVerdict {
  valid: boolean;
  errorType?: string;
  message?: string;
}

export type MultiTurnChecker = (input: MultiTurnEntryInput) => MultiTurnVerdict | Promise<MultiTurnVerdict>;

// A specifier in a variable keeps TypeScript from requiring the module to exist at compile time.
const multiTurnModule = "./multi-turn/index.js";

/** The multi-turn checker if its module is present, else undefined (multi-turn categories are then reported as not scored). */
export async function loadMultiTurnChecker(): Promise<MultiTurnChecker | undefined> {
  let module: { checkMultiTurnEntry?: unknown };
  try {
    module = (await import(multiTurnModule)) as { checkMultiTurnEntry?: unknown };
  } catch (error) {
    if (isModuleNotFound(error)) return undefined;
    throw error;
  }
  return typeof module.checkMultiTurnEntry === "function" ? (module.checkMultiTurnEntry as MultiTurnChecker) : undefined;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  // Only the checker's own module missing counts; a broken import inside it must surface.
  const missing = code === "ERR_MODULE_NOT_FOUND" || /Cannot find module|Failed to load url|Failed to resolve import/.test(message);
  return missing && message.includes("multi-turn/index");
}
