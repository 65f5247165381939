// Public surface of the dashboard room: the browser UI over the audit trail, approvals and evaluation reports.
export { createDashboardApp } from "./dashboard-app.js";
export type { DashboardOptions } from "./dashboard-app.js";
export { openRunIndex } from "./run-index.js";
export type { RunFilter, RunIndex } from "./run-index.js";
export { openSessionStore } from "./sessions.js";
export type { SessionStoreOptions } from "./sessions.js";
