// Routes a workspace tool call to the inbox, calendar or cloud drive that runs it.
import { calendarToolNames, executeCalendarTool } from "./calendar.js";
import { cloudDriveToolNames, executeCloudDriveTool } from "./cloud-drive.js";
import type { WorkspaceEnvironment } from "./environment.js";
import { executeInboxTool, inboxToolNames } from "./inbox.js";

const has = (names: readonly string[], tool: string) => names.includes(tool);

/** Runs one tool against the state; `now` stamps sent emails and edited files, as upstream's `datetime.now()` does. */
export function executeWorkspaceTool(env: WorkspaceEnvironment, tool: string, args: Record<string, unknown>, now: Date): unknown {
  if (has(inboxToolNames, tool)) return executeInboxTool(env, tool, args, now);
  if (has(calendarToolNames, tool)) return executeCalendarTool(env, tool, args, now);
  if (has(cloudDriveToolNames, tool)) return executeCloudDriveTool(env, tool, args, now);
  throw new Error(`workspace has no tool ${tool}`);
}
