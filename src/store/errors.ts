// The errors a developer or operator sees when a store URL is wrong or a store cannot be opened; each names the fix.

/** `url`: the URL cannot work; `missing`: a read-only open found nothing there; `open`: the file or server refused. */
export type StoreErrorCode = "url" | "missing" | "open";

export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly code: StoreErrorCode;
  /** What was wrong, without the fix. */
  readonly problem: string;
  /** The fix, also part of the message; kept apart so a CLI can print it on its own line. */
  readonly hint: string;
  constructor(code: StoreErrorCode, problem: string, hint: string, options?: { cause?: unknown }) {
    super(`${problem} — ${hint}`, options);
    this.code = code;
    this.problem = problem;
    this.hint = hint;
  }
}
