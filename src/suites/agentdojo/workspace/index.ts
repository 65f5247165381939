// AgentDojo's workspace suite as a SuitePort: inbox, calendar and cloud drive state, 24 tools, v1 task checks.
import type { SuitePort } from "../suite-port.js";
import type { WorkspaceEnvironment } from "./environment.js";
import { createEnvironment } from "./environment.js";
import { executeWorkspaceTool } from "./execute.js";
import { workspaceReaders } from "./readers.js";
import { workspaceSelections } from "./selections.js";
import { workspaceSecurity } from "./security-checks.js";
import { helpers, injectionTaskConstants, sharedConstants, userTaskConstants } from "./task-constants.js";
import { workspaceTools } from "./tool-table.js";
import { workspaceUtility } from "./utility-checks.js";

export type { WorkspaceEnvironment } from "./environment.js";

export interface WorkspacePortOptions {
  /** The clock that stamps sent emails and edited files (default: the system clock, as upstream uses). */
  now?: () => Date;
}

export function createWorkspacePort(options: WorkspacePortOptions = {}): SuitePort<WorkspaceEnvironment> {
  const now = options.now ?? (() => new Date());
  return {
    suite: "workspace",
    area: "workspace",
    tools: workspaceTools,
    createEnvironment,
    execute: (environment, tool, args) => executeWorkspaceTool(environment, tool, args, now()),
    constants: { user: sharedConstants, injection: sharedConstants },
    taskConstants: { ...userTaskConstants, ...injectionTaskConstants },
    helpers,
    utility: workspaceUtility,
    security: workspaceSecurity,
    readers: workspaceReaders,
    selections: workspaceSelections,
  };
}

export const workspacePort: SuitePort<WorkspaceEnvironment> = createWorkspacePort();
