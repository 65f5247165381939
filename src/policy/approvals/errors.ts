// Errors the developer or operator sees when an approval cannot be recorded or decided; each names the fix.
export class ApprovalStoreError extends Error {
  override readonly name = "ApprovalStoreError";
  readonly fix: string;
  constructor(problem: string, fix: string, options?: { cause?: unknown }) {
    super(`${problem} — ${fix}`, options);
    this.fix = fix;
  }
}
