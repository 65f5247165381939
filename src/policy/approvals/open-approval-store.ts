// Opens the approval store a URL names: `sqlite:<file>` (default `<data dir>/approvals.db`) or `postgres://…?schema=name`.
import { join } from "node:path";
import { parseAuditStoreUrl } from "../../audit/index.js";
import { createSqlApprovalStore } from "./approval-store.js";
import type { ApprovalStoreOptions } from "./approval-store.js";
import { ApprovalStoreError } from "./errors.js";
import { postgresDriver, sqliteDriver } from "./sql-driver.js";
import type { ApprovalStore } from "./types.js";

export const approvalsFileName = "approvals.db";

export function defaultApprovalStoreUrl(dataDir: string): string {
  return `sqlite:${join(dataDir, approvalsFileName)}`;
}

export async function openApprovalStore(url: string, options: ApprovalStoreOptions & { cwd?: string }): Promise<ApprovalStore> {
  // Same URL forms as the audit store, so one deployment names both the same way.
  const location = parseAuditStoreUrl(url, options.cwd ?? process.cwd());
  try {
    if (location.kind === "sqlite") return await createSqlApprovalStore(sqliteDriver(location.path), location.displayUrl, options);
    const driver = await postgresDriver(location.connectionString, location.schema);
    try {
      return await createSqlApprovalStore(driver, location.displayUrl, options);
    } catch (error) {
      await driver.close();
      throw error;
    }
  } catch (error) {
    throw new ApprovalStoreError(`cannot open the approval store ${location.displayUrl}: ${error instanceof Error ? error.message : String(error)}`, "check the path is writable or the server is up and the URL right", { cause: error });
  }
}
