// Dashboard roles from a principal's roles: viewer reads, approver also decides approvals, admin also exports and checkpoints.
import type { Principal } from "../record/index.js";

export const dashboardRoles = ["viewer", "approver", "admin"] as const;
export type DashboardRole = (typeof dashboardRoles)[number];

/** What a signed-in person may do; each state-changing route names the one it needs. */
export type DashboardAction = "read" | "decide" | "export" | "checkpoint";

const rank: Record<DashboardRole, number> = { viewer: 0, approver: 1, admin: 2 };
const needed: Record<DashboardAction, DashboardRole> = { read: "viewer", decide: "approver", export: "admin", checkpoint: "admin" };

/** The highest dashboard role among the principal's roles, or undefined when it holds none of them. */
export function dashboardRoleOf(principal: Principal): DashboardRole | undefined {
  const held = (principal.roles ?? []).filter((role): role is DashboardRole => (dashboardRoles as readonly string[]).includes(role));
  return held.sort((a, b) => rank[b] - rank[a])[0];
}

export function mayDo(role: DashboardRole, action: DashboardAction): boolean {
  return rank[role] >= rank[needed[action]];
}

export function roleNeededFor(action: DashboardAction): DashboardRole {
  return needed[action];
}
