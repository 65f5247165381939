// The one place a gated call becomes the tool message the model reads: its outcome as JSON, spotlighted when the tool is untrusted.
import type { SpotlightingTemplate } from "../policy/index.js";
import type { CallRecord, ChatMessage } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";

export interface ToolMessageOptions {
  /** Which tools are untrusted; read from the registry, never from the record, so a changed record cannot drop the marking. */
  registry: Pick<ToolRegistry, "get">;
  spotlighting?: SpotlightingTemplate;
}

/**
 * A running run, a paused run's settled calls and a resumed run's approved calls all answer the model through this
 * function, so the bytes the model reads never depend on whether the run paused in between.
 */
export function toolResultMessage(call: CallRecord, options: ToolMessageOptions): ChatMessage {
  const content = JSON.stringify(call.outcome);
  // Errors too: a failing untrusted tool can echo attacker text in its message.
  const tool = call.toolName === undefined ? undefined : options.registry.get(call.toolName);
  const untrusted = options.spotlighting !== undefined && tool !== undefined && readsUntrustedText(tool);
  return {
    role: "tool",
    callId: call.proposed.id,
    toolName: call.proposed.name,
    content: untrusted ? options.spotlighting!.wrap(content, { toolName: tool.name, callId: call.proposed.id }) : content,
  };
}

/** In call order, as the model proposed them. */
export function toolResultMessages(calls: readonly CallRecord[], options: ToolMessageOptions): ChatMessage[] {
  return [...calls].sort((a, b) => a.index - b.index).map((call) => toolResultMessage(call, options));
}

/** A tool declared untrusted as a whole, or one whose results carry fields written by outsiders. */
function readsUntrustedText(tool: { trust?: string; untrustedFields?: readonly string[] }): boolean {
  return tool.trust === "untrusted" || (tool.untrustedFields?.length ?? 0) > 0;
}
