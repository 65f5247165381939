// The default policy until one is configured: every validated call may run.
import type { Policy, PolicyDecision } from "./types.js";

export const allowAll: Policy = {
  evaluate: (): PolicyDecision => ({ effect: "allow", ruleId: "default:allow-all" }),
};
