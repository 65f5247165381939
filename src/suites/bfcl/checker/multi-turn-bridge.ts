// Finds the multi-turn checker (checker/multi-turn/, loaded on demand) without making this room depend on it.

/**
 * One multi-turn entry. `question` is the question line decoded with Python's JSON rules, or its raw JSON text (so
 * `10.0` in an initial config stays a float), `possibleAnswer` its `ground_truth` (a list of turns of call strings)
 * and `modelResult` the result line's `result` (a list of turns of steps), parsed.
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

/** How string steps are read: "fc" treats them as text replies, "prompt" parses them as call lists. */
interface MultiTurnCheckOptions {
  stepFormat?: "fc" | "prompt";
  /** false: a failed verdict carries only its error type and message (what scoring reports). */
  details?: boolean;
}

export type MultiTurnChecker = ((input: MultiTurnEntryInput, options?: MultiTurnCheckOptions) => MultiTurnVerdict | Promise<MultiTurnVerdict>) & {
  /**
   * Whether the entries checked so far left state that later entries would see (as in BFCL's one process). Absent or
   * true means a later entry must be checked through this same checker to be checked as BFCL checks it.
   */
  carriesState?: () => boolean;
};

interface MultiTurnModule {
  checkMultiTurnEntry?: (input: MultiTurnEntryInput, options?: Record<string, unknown>) => MultiTurnVerdict | Promise<MultiTurnVerdict>;
  ReferenceRuntime?: new (options: { modelName?: string }) => { carriesState?: () => boolean };
}

// A specifier in a variable keeps TypeScript from requiring the module to exist at compile time.
const multiTurnModule = "./multi-turn/index.js";

/**
 * The multi-turn checker if its module is present, else undefined (multi-turn categories are then reported as not
 * scored). BFCL checks every entry in one Python process, and a few objects outlive an entry there; when the module
 * models that process (ReferenceRuntime), all entries checked through the returned function share one.
 */
export async function loadMultiTurnChecker(options: { modelName?: string } = {}): Promise<MultiTurnChecker | undefined> {
  let module: MultiTurnModule;
  try {
    module = (await import(multiTurnModule)) as MultiTurnModule;
  } catch (error) {
    if (isModuleNotFound(error)) return undefined;
    throw error;
  }
  const check = module.checkMultiTurnEntry;
  if (typeof check !== "function") return undefined;
  const runtime = typeof module.ReferenceRuntime === "function" ? new module.ReferenceRuntime({ modelName: options.modelName }) : undefined;
  const checker: MultiTurnChecker = (input, checkOptions) => check(input, { ...checkOptions, ...(runtime ? { runtime } : {}) });
  checker.carriesState = () => runtime?.carriesState?.() ?? true;
  return checker;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  // Only the checker's own module missing counts; a broken import inside it must surface.
  const missing = code === "ERR_MODULE_NOT_FOUND" || /Cannot find module|Failed to load url|Failed to resolve import/.test(message);
  return missing && message.includes("multi-turn/index");
}
