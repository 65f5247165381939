// Test fixture: a fresh workspace state from the shared AgentDojo data, and a port on a fixed clock.
import { sharedPath, whenShared } from "../../../../test-support/shared-data.js";
import { agentDojoRoot, loadAgentDojoEnvironment } from "../../data.js";
import type { WorkspaceEnvironment } from "../environment.js";
import { createEnvironment } from "../environment.js";
import { createWorkspacePort } from "../index.js";

// "" when the shared data is absent: the suites that use them are skipped then (describeWithShared).
export const workspaceDataDir = whenShared(["data", "attacks"], () => sharedPath("data", "attacks"), "");
export const workspaceRoot = whenShared(["data", "attacks"], () => agentDojoRoot(workspaceDataDir), "");

/** A clock later than every file and email stamp in the data, so edits always stamp a newer time, and identical across runs. */
const fixedNow = new Date(2024, 6, 1, 9, 30, 0);
export const fixedClockPort = createWorkspacePort({ now: () => fixedNow });

export function freshWorkspace(injections: Readonly<Record<string, string>> = {}): WorkspaceEnvironment {
  return createEnvironment(loadAgentDojoEnvironment(workspaceRoot, "workspace", injections));
}
