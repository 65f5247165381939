// The errors BFCL scoring reports: bad input files (thrown to the developer) and entries the official checker would crash on.

/** The results or data directory is not what BFCL writes or ships; the message names the file and the fix. */
export class BfclDataError extends Error {
  override readonly name = "BfclDataError";
}

/**
 * BFCL's own checker raises an exception on this entry (a KeyError on a malformed function doc, `.items()` on a
 * value that is not a dict…), which aborts its whole run. Scoring records the entry as failed with
 * {@link checkerCrashErrorType} instead, so one odd entry does not hide every other verdict.
 */
export class BfclCheckerCrash extends Error {
  override readonly name = "BfclCheckerCrash";
}

export const checkerCrashErrorType = "bfcl_checker:exception";
