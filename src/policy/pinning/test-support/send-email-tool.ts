// Tool definitions for pinning tests: one tool in an approved shape and the ways it can change under a pin.
import { z } from "zod";
import { defineTool } from "../../../tool/define-tool.js";
import type { ToolDefinition } from "../../../tool/types.js";

export function sendEmailTool(change: Partial<ToolDefinition> = {}): ToolDefinition {
  const approved = defineTool({
    name: "send_email",
    description: "Send an email to one customer.",
    area: "email",
    risk: "write",
    input: z.object({ to: z.string(), body: z.string() }),
    execute: (args) => ({ queued: args.to }),
  });
  return { ...approved, ...change } as ToolDefinition;
}
