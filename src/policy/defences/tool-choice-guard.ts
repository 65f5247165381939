// Forcing the model to call a tool is a privileged setting: it skips the model's own judgement of whether to act.
import type { Principal, ToolChoice } from "../../record/index.js";
import type { ToolRegistry, RegisteredTool } from "../../tool/index.js";

export interface ToolChoicePolicy {
  /** Principals with one of these roles may force any tool. Default: `tool-choice:force`. */
  roles?: readonly string[];
  /** Which tools may not be forced without the role. Default: write and privileged tools, and output-only tools. */
  restricted?: (tool: RegisteredTool) => boolean;
}

export class ToolChoiceRefusedError extends Error {
  override readonly name = "ToolChoiceRefusedError";
}

const defaultRestricted = (tool: RegisteredTool) => tool.risk !== "read" || tool.outputOnly;

/**
 * Throws when `toolChoice` forces a restricted tool (`{ tool }`, or `"required"` while a restricted tool is offered) for a
 * principal without a forcing role. A forced call is how a jailbreak makes a model emit content or act when it would
 * otherwise have declined.
 */
export function assertToolChoiceAllowed(toolChoice: ToolChoice | undefined, context: { registry: ToolRegistry; principal?: Principal; policy: ToolChoicePolicy }): void {
  if (toolChoice === undefined || toolChoice === "auto" || toolChoice === "none") return;
  const roles = context.policy.roles ?? ["tool-choice:force"];
  if (context.principal?.roles?.some((role) => roles.includes(role))) return;
  const restricted = context.policy.restricted ?? defaultRestricted;
  const who = context.principal ? `principal ${context.principal.id}` : "a run without a principal";
  const fix = `give the principal one of the roles ${roles.join(", ")} (toolChoicePolicy.roles), or use toolChoice "auto"`;
  if (toolChoice === "required") {
    const blocked = context.registry.tools.filter(restricted).map((tool) => tool.name);
    if (blocked.length > 0) throw new ToolChoiceRefusedError(`toolChoice "required" would force a call while ${blocked.join(", ")} ${blocked.length === 1 ? "is" : "are"} offered, and ${who} may not force them; ${fix}`);
    return;
  }
  const tool = context.registry.get(toolChoice.tool);
  if (!tool) throw new ToolChoiceRefusedError(`toolChoice forces ${toolChoice.tool}, which is not among the tools offered; name a registered tool or use "auto"`);
  if (restricted(tool)) {
    const why = tool.outputOnly ? "an output-only tool" : `a ${tool.risk} tool`;
    throw new ToolChoiceRefusedError(`toolChoice forces ${tool.name}, ${why}, and ${who} may not force it; ${fix}`);
  }
}
