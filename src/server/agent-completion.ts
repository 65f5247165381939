// Agent mode: `model: "toolgate/<agent>"` runs the governed loop server-side and answers as one chat completion.
import type { ChatMessage, Principal, Trace } from "../record/index.js";
import { GatewayError } from "./openai-error.js";
import type { UpstreamCompletion } from "./upstream.js";

export const agentModelPrefix = "toolgate/";

interface AgentRunRequest {
  agent: string;
  /** The client's conversation (system, user and assistant text); the agent's tools run here, not at the client. */
  messages: ChatMessage[];
  /** The gateway's trace id for the request, so the run's audit trail is found by the response header. */
  traceId: string;
  principal: Principal;
  signal: AbortSignal;
}

export interface GatewayAgents {
  /** Agent names; each is asked for as model `toolgate/<name>`. */
  names: readonly string[];
  /** Runs the governed loop (the runtime's model, catalog, policy and audit trail) with the key's principal. */
  run(request: AgentRunRequest): Promise<Trace>;
}

/** The client's messages as the loop's: only text turns mean something here (client tool results do not). */
export function agentMessages(raw: readonly unknown[]): ChatMessage[] {
  return raw.map((entry, index): ChatMessage => {
    const message = entry as { role?: unknown; content?: unknown };
    const content = typeof message.content === "string" ? message.content : Array.isArray(message.content) ? textParts(message.content) : undefined;
    if (content === undefined || (message.role !== "system" && message.role !== "user" && message.role !== "assistant" && message.role !== "developer")) {
      throw new GatewayError(400, "invalid_request_error", "invalid_messages", `messages[${index}]: an agent takes system, user and assistant text messages (its tools run in the gateway, not at the client)`, `messages[${index}]`);
    }
    return { role: message.role === "developer" ? "system" : message.role, content };
  });
}

function textParts(parts: unknown[]): string | undefined {
  const texts = parts.map((part) => ((part as { type?: unknown; text?: unknown })?.type === "text" ? (part as { text?: unknown }).text : undefined));
  return texts.every((text) => typeof text === "string") ? texts.join("") : undefined;
}

/** The run's answer as a chat completion; a run that failed or waits on a person says so, machine-readably too. */
export function agentCompletion(model: string, trace: Trace): UpstreamCompletion {
  if (trace.stopReason === "error") throw new GatewayError(502, "upstream_error", "agent_failed", `the agent run failed: ${trace.error?.message ?? "unknown error"}`);
  return {
    id: `chatcmpl-${trace.id}`,
    object: "chat.completion",
    created: Math.floor(Date.parse(trace.startedAt) / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: trace.text }, finish_reason: trace.stopReason === "max-steps" ? "length" : "stop" }],
    usage: { prompt_tokens: trace.usage.inputTokens, completion_tokens: trace.usage.outputTokens, total_tokens: trace.usage.totalTokens },
    toolgate: {
      trace_id: trace.id,
      stop_reason: trace.stopReason,
      calls: trace.calls.map((call) => ({ id: call.id, name: call.proposed.name, status: call.status })),
    },
  };
}
