// Public surface of the store room: one way to name and open a store, for audit, approvals, limits and the rooms to come.
export { openStore } from "./open-store.js";
export type { OpenedStore, PostgresStore, SqliteStore } from "./open-store.js";
export { parseStoreUrl, redactCredentials, sqliteUrlIn } from "./store-url.js";
export { quoteIdentifier } from "./sql-driver.js";
export { inTransaction } from "./in-transaction.js";
export type { SqlDriver } from "./sql-driver.js";
export { StoreError } from "./errors.js";
