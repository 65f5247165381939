// Public surface of the dashboard room: the browser UI over the audit trail, approvals and evaluation reports.
export { createDashboardApp } from "./dashboard-app.js";
export type { DashboardKeyLookup, DashboardOptions } from "./dashboard-app.js";
export { openRunIndex } from "./run-index.js";
export type { RunFilter, RunIndex, RunPage, ToolRates } from "./run-index.js";
export type { RunRow, RunStatus, RunVerdict } from "./run-row.js";
export { openSessionStore } from "./sessions.js";
export type { DashboardSession, SessionStore, SessionStoreOptions } from "./sessions.js";
export { dashboardRoleOf, dashboardRoles } from "./roles.js";
export type { DashboardRole } from "./roles.js";
