// A session: one conversation across user turns; each turn is one agent run and one Trace.
import type { ChatMessage, Trace } from "../record/index.js";
import { createGate } from "../gate/index.js";
import { createToolRegistry } from "../tool/index.js";
import type { ToolRegistry } from "../tool/index.js";
import type { RunAgentOptions } from "./run-agent.js";
import { runAgent } from "./run-agent.js";

export interface SessionOptions extends Omit<RunAgentOptions, "messages" | "signal" | "traceId"> {
  system?: string;
}

export interface Session {
  /** The whole conversation so far, system prompt first. */
  readonly messages: readonly ChatMessage[];
  readonly traces: readonly Trace[];
  send(userText: string, options?: { signal?: AbortSignal }): Promise<Trace>;
}

export function createSession(options: SessionOptions): Session {
  const registry: ToolRegistry = Array.isArray(options.tools) ? createToolRegistry({ tools: options.tools }) : (options.tools as ToolRegistry);
  const messages: ChatMessage[] = options.system ? [{ role: "system", content: options.system }] : [];
  const traces: Trace[] = [];
  return {
    messages,
    traces,
    async send(userText, turnOptions = {}) {
      const input: ChatMessage[] = [...messages, { role: "user", content: userText }];
      // Each turn reads the policy once (a hot-reloaded policy changes between turns, never inside one).
      const policy = options.policy?.snapshot ? options.policy.snapshot() : options.policy;
      const gate = options.gate ?? createGate({ ...options, ...(policy ? { policy } : {}), registry });
      const trace = await runAgent({ ...options, tools: registry, gate, messages: input, signal: turnOptions.signal });
      // A turn that failed before the model answered leaves the user's message in place, so a retry sees it.
      messages.push({ role: "user", content: userText }, ...trace.output);
      traces.push(trace);
      return trace;
    },
  };
}
