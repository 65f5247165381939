// The errors a developer sees from the audit trail: each names what was wrong and how to fix it.
import { StoreError } from "../store/index.js";

/** What kind of mistake: the store or key configuration, an event handed to `append`, or use after `close()`. */
export type AuditErrorCode = "config" | "input" | "closed";

export class AuditError extends Error {
  override readonly name: string = "AuditError";
  readonly code: AuditErrorCode;
  /** The fix, also part of the message; kept apart so a CLI can print it on its own line. */
  readonly hint: string;
  constructor(code: AuditErrorCode, problem: string, hint: string, options?: { cause?: unknown }) {
    super(`${problem} — ${hint}`, options);
    this.code = code;
    this.hint = hint;
  }
}

/** A store URL, key or option that cannot work. */
export class AuditConfigError extends AuditError {
  override readonly name = "AuditConfigError";
  constructor(problem: string, hint: string, options?: { cause?: unknown }) {
    super("config", problem, hint, options);
  }
}

/** A store URL or open that failed, as the audit room reports it (callers catch AuditError); anything else as it was. */
export function asAuditConfigError(error: unknown): unknown {
  return error instanceof StoreError ? new AuditConfigError(error.problem, error.hint, { cause: error }) : error;
}

/** An event input that cannot be stored as given; `path` points into the input when it is one field. */
export class AuditInputError extends AuditError {
  override readonly name = "AuditInputError";
  readonly path?: string;
  constructor(problem: string, hint: string, path?: string) {
    super("input", path === undefined ? problem : `${path}: ${problem}`, hint);
    this.path = path;
  }
}

export class AuditStoreClosedError extends AuditError {
  override readonly name = "AuditStoreClosedError";
  constructor(url: string) {
    super("closed", `audit store ${url} is closed`, "open it again with openAuditStore() before appending or reading");
  }
}
