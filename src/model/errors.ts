// The error a developer sees when a model call fails for good: which model, what the server said, and how to fix it.

export interface ModelErrorDetails {
  modelId: string;
  /** What went wrong, one line, without the model id (the message adds it). */
  problem: string;
  /** How to fix it, e.g. which env var or base URL to check. */
  hint: string;
  statusCode?: number;
  url?: string;
  /** How many requests were sent before giving up (1 when nothing was retried). */
  attempts?: number;
  cause?: unknown;
}

export class ModelError extends Error {
  override readonly name = "ModelError";
  readonly modelId: string;
  readonly statusCode?: number;
  readonly url?: string;
  readonly hint: string;
  readonly attempts: number;

  constructor(details: ModelErrorDetails) {
    const attempts = details.attempts ?? 1;
    const where = [
      details.statusCode !== undefined ? `HTTP ${details.statusCode}` : undefined,
      details.url !== undefined ? `from ${details.url}` : undefined,
      attempts > 1 ? `after ${attempts} attempts` : undefined,
    ].filter((part) => part !== undefined);
    // One line: these messages end up in terminals and log lines, where a multi-line provider body is noise.
    const message = oneLine(
      `model ${details.modelId} failed${where.length > 0 ? ` (${where.join(" ")})` : ""}: ${details.problem} — ${details.hint}`,
    );
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.modelId = details.modelId;
    this.statusCode = details.statusCode;
    this.url = details.url;
    this.hint = details.hint;
    this.attempts = attempts;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
