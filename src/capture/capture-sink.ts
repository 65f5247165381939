// The RunSink that captures content: it learns sensitive values from each call as the audit recorder does, and when the
// run ends stores its messages (masked) and the tools it was shown, keyed by trace id.
import { createHash } from "node:crypto";
import type { CallRecord, ChatMessage, Principal, RunSink, ToolSpec, Trace } from "../record/index.js";
import { sensitiveValues } from "../audit/index.js";
import type { ToolRegistry } from "../tool/index.js";
import type { CapturedTrace, CaptureSource } from "./captured-trace.js";
import type { CaptureStore } from "./capture-store.js";
import { maskSensitive } from "./mask-sensitive.js";

export interface CaptureSinkOptions {
  /** Where each tool's `sensitive` and `sensitiveResult` declarations and its spec (description, schema) are found. */
  registry: ToolRegistry;
  /** Keyed digest for masked values (`AuditSigner.redactionDigest`): equal values stay comparable, guesses cannot be tested. */
  redactionDigest: (value: string) => string;
  source?: CaptureSource;
  /** Who runs act for, for runs that made no call (a call's record names its principal itself). */
  principal?: Principal;
}

const messagesDigest = (messages: readonly ChatMessage[]) => createHash("sha256").update(JSON.stringify(messages)).digest("hex");

/** Specs of the tools the run showed the model, in catalogue order; the names are the ones the model saw. */
function exposedSpecs(registry: ToolRegistry, trace: Trace): ToolSpec[] {
  const shown = new Set(trace.steps.flatMap((step) => step.exposedTools));
  return registry.specs((tool) => shown.has(tool.name) || shown.has(tool.providerName));
}

/**
 * Pass it beside the audit recorder (`combineRunSinks(audit, capture)`). Content is written once, when the run ends;
 * a store that cannot take it makes the run end with an error, as the audit does: capture that was asked for is not
 * silently skipped.
 */
export function captureSink(store: CaptureStore, options: CaptureSinkOptions): RunSink {
  const values = sensitiveValues();
  // Where each captured conversation ended (a digest of its messages) → the conversation it belongs to: a session's
  // next turn starts from exactly those messages plus the new user message. Kept in memory, bounded.
  const conversationEnds = new Map<string, string>();
  const principals = new Map<string, CapturedTrace["principal"]>();
  const learn = (call: CallRecord) => {
    const tool = options.registry.get(call.toolName ?? call.proposed.name);
    values.learn(call, call.sensitive ?? tool?.sensitive ?? [], tool?.sensitiveResult ?? []);
    if (call.principal && !principals.has(call.traceId)) principals.set(call.traceId, call.principal);
  };
  return {
    callAuthorised(call) {
      learn(call);
    },
    record(call) {
      learn(call);
    },
    async runFinished(trace) {
      try {
        const { messages, masked } = maskSensitive([...trace.input, ...trace.output], values.valuesOf(trace.id), options.redactionDigest);
        const principal = principals.get(trace.id) ?? options.principal;
        const conversationId = conversationEnds.get(messagesDigest(trace.input.slice(0, -1)));
        if (conversationEnds.size >= 1000) conversationEnds.delete(conversationEnds.keys().next().value!);
        conversationEnds.set(messagesDigest([...trace.input, ...trace.output]), conversationId ?? trace.id);
        await store.save({
          traceId: trace.id,
          source: options.source ?? "library",
          model: trace.model,
          ...(principal ? { principal } : {}),
          ...(conversationId ? { conversationId } : {}),
          startedAt: trace.startedAt,
          finishedAt: trace.finishedAt,
          stopReason: trace.stopReason,
          messages,
          tools: exposedSpecs(options.registry, trace),
          steps: trace.steps.map((step) => ({ index: step.index, exposedTools: [...step.exposedTools] })),
          redactions: masked,
        });
      } finally {
        values.forget(trace.id);
        principals.delete(trace.id);
      }
    },
  };
}
