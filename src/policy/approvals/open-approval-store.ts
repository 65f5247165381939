// Opens the approval store a URL names: `sqlite:<file>` (default `<data dir>/approvals.db`) or `postgres://…?schema=name`.
import { openStore, redactCredentials, sqliteUrlIn, StoreError } from "../../store/index.js";
import { createSqlApprovalStore } from "./approval-store.js";
import type { ApprovalStoreOptions } from "./approval-store.js";
import { ApprovalStoreError } from "./errors.js";
import type { ApprovalStore } from "./types.js";

const approvalsFileName = "approvals.db";

export function defaultApprovalStoreUrl(dataDir: string): string {
  return sqliteUrlIn(dataDir, approvalsFileName);
}

/** The same URL forms as the audit store (one opener for every room), so one deployment names both the same way. */
export async function openApprovalStore(url: string, options: ApprovalStoreOptions & { cwd?: string }): Promise<ApprovalStore> {
  const fix = "check the path is writable or the server is up and the URL right";
  let store;
  try {
    store = await openStore(url, { cwd: options.cwd ?? process.cwd(), what: "approval store" });
  } catch (error) {
    if (error instanceof StoreError) throw new ApprovalStoreError(error.problem, error.code === "open" ? fix : error.hint, { cause: error });
    throw error;
  }
  try {
    return await createSqlApprovalStore(store.sql, store.displayUrl, options);
  } catch (error) {
    await store.close();
    throw new ApprovalStoreError(`cannot open the approval store ${redactCredentials(store.displayUrl)}: ${error instanceof Error ? error.message : String(error)}`, fix, { cause: error });
  }
}
