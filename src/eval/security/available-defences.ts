// The defences this tree ships, gathered in one place so the security suites measure exactly what exists.
import type { DefenceKit } from "./defences.js";

// The policy engine's default policy and the taint tracker join here once they are part of the policy room's
// public surface; until then the variants that need them report "not available" rather than a stand-in.
export const availableDefenceKit: DefenceKit = {};
