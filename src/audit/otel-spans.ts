// Recorded runs as OpenTelemetry spans (GenAI semantic conventions): the span building, loaded only when spans are exported.
import { createHash } from "node:crypto";
import type { Attributes, Span, Tracer, TracerProvider } from "@opentelemetry/api";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { IdGenerator, ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ATTR_ERROR_TYPE, ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import {
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
} from "@opentelemetry/semantic-conventions/incubating";
import type { AuditedCall, AuditedRun } from "./export-run.js";
import { auditedRuns, callDisposition } from "./export-run.js";
import type { AuditEvent } from "./types.js";

/** An app's TracerProvider (spans join its pipeline with its ids), or a SpanExporter (spans get ids derived from the trace). */
export type SpanTarget = TracerProvider | SpanExporter;

export interface OtelExportOptions {
  /** `gen_ai.agent.name` on the invoke_agent span. Default `toolgate`. */
  agentName?: string;
  /** `service.name` of the resource, when toolgate builds the provider (exporter targets, OTLP/JSON). Default `toolgate`. */
  serviceName?: string;
}

const instrumentationScope = "toolgate.audit";

/**
 * Emits one `invoke_agent` span per recorded run, a `chat` span per model step and an `execute_tool` span per
 * proposed call (refused calls included, with error status), timed by the events, not by the export. With an
 * exporter, the spans are handed over in one batch and the exporter stays open.
 */
export async function exportTraceSpans(events: readonly AuditEvent[], target: SpanTarget, options: OtelExportOptions = {}): Promise<{ runs: number; spans: number }> {
  const runs = auditedRuns(events);
  if (!isExporter(target)) {
    const tracer = target.getTracer(instrumentationScope);
    const spans = runs.reduce((count, run) => count + emitRun(tracer, run, options), 0);
    await (target as { forceFlush?: () => Promise<void> }).forceFlush?.();
    return { runs: runs.length, spans };
  }
  const spans = await collectSpans(runs, options);
  await new Promise<void>((resolve, reject) =>
    // ExportResultCode.SUCCESS is 0; @opentelemetry/core, which names it, is not a direct dependency.
    target.export(spans, (result) => (result.code === 0 ? resolve() : reject(result.error ?? new Error("the span exporter reported a failure")))),
  );
  return { runs: runs.length, spans: spans.length };
}

/** The runs as one OTLP/JSON ExportTraceServiceRequest, as an OTLP/HTTP collector accepts it on /v1/traces. */
export async function otlpJson(events: readonly AuditEvent[], options: OtelExportOptions = {}): Promise<string> {
  const spans = await collectSpans(auditedRuns(events), options);
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  return bytes ? new TextDecoder().decode(bytes) : JSON.stringify({ resourceSpans: [] });
}

async function collectSpans(runs: AuditedRun[], options: OtelExportOptions): Promise<ReadableSpan[]> {
  const ids = derivedIds();
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    idGenerator: ids,
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? "toolgate" }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer(instrumentationScope);
  for (const run of runs) {
    ids.startRun(run.traceId);
    emitRun(tracer, run, options);
  }
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/**
 * Ids derived from the audit trace id: the same trail always exports the same span tree, and a run's OTel trace
 * id is its audit trace id when that is a UUID (a UUID is 32 hex digits), so either finds the other.
 */
function derivedIds(): IdGenerator & { startRun(traceId: string): void } {
  let traceHex = "";
  let counter = 0;
  return {
    startRun(traceId) {
      const uuid = traceId.replace(/-/g, "").toLowerCase();
      traceHex = /^[0-9a-f]{32}$/.test(uuid) && !/^0+$/.test(uuid) ? uuid : createHash("sha256").update(traceId).digest("hex").slice(0, 32);
      counter = 0;
    },
    generateTraceId: () => traceHex,
    generateSpanId: () => createHash("sha256").update(`${traceHex}:${counter++}`).digest("hex").slice(0, 16),
  };
}

function emitRun(tracer: Tracer, run: AuditedRun, options: OtelExportOptions): number {
  const model = run.started?.data.model ?? run.finished?.data.model ?? run.steps.find((step) => step.model)?.model?.data.model ?? "unknown";
  const { provider, requestModel } = parseModelSpec(model);
  const agentName = options.agentName ?? "toolgate";
  const first = run.events[0]?.at ?? new Date(0).toISOString();
  const last = run.events.at(-1)?.at ?? first;
  const common: Attributes = { [ATTR_GEN_AI_PROVIDER_NAME]: provider, [ATTR_GEN_AI_REQUEST_MODEL]: requestModel, "toolgate.trace_id": run.traceId };

  const finished = run.finished?.data;
  const agent = tracer.startSpan(
    `${GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT} ${agentName}`,
    {
      kind: SpanKind.INTERNAL,
      startTime: new Date(run.started?.at ?? first),
      attributes: {
        ...common,
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
        [ATTR_GEN_AI_AGENT_NAME]: agentName,
        [ATTR_GEN_AI_CONVERSATION_ID]: run.traceId,
        ...(finished
          ? {
              [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: finished.usage.inputTokens,
              [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: finished.usage.outputTokens,
              "toolgate.stop_reason": finished.stopReason,
              "toolgate.calls": finished.calls,
              "toolgate.calls.rejected": finished.rejected,
              "toolgate.calls.failed": finished.failed,
            }
          : {}),
      },
    },
    ROOT_CONTEXT,
  );
  let spans = 1;
  const parent = trace.setSpan(ROOT_CONTEXT, agent);

  for (const step of run.steps) {
    const answer = step.model;
    if (answer) {
      const askedAt = step.routing?.at ?? new Date(Date.parse(answer.at) - answer.data.latencyMs).toISOString();
      const chat = tracer.startSpan(
        `${GEN_AI_OPERATION_NAME_VALUE_CHAT} ${requestModel}`,
        {
          kind: SpanKind.CLIENT,
          startTime: new Date(askedAt),
          attributes: {
            ...common,
            [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_CHAT,
            [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: [answer.data.finishReason],
            [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: answer.data.usage.inputTokens,
            [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: answer.data.usage.outputTokens,
            "toolgate.step": step.step,
            "toolgate.tools.exposed": step.routing?.data.exposedTools ?? [],
            ...(step.routing?.data.routing ? { "toolgate.router": step.routing.data.routing.router } : {}),
          },
        },
        parent,
      );
      chat.end(new Date(answer.at));
      spans += 1;
    }
    for (const call of step.calls) {
      emitCall(tracer, call, common, parent);
      spans += 1;
    }
  }

  if (finished?.stopReason === "error") {
    agent.setAttribute(ATTR_ERROR_TYPE, finished.error?.name ?? "Error");
    agent.setStatus({ code: SpanStatusCode.ERROR, message: finished.error?.message ?? "the run failed" });
  } else if (!finished) {
    // No run.finished on record: the process stopped mid-run (or the run is still going).
    agent.setAttribute("toolgate.run.unfinished", true);
  }
  agent.end(new Date(run.finished?.at ?? last));
  return spans;
}

function emitCall(tracer: Tracer, call: AuditedCall, common: Attributes, parent: ReturnType<typeof trace.setSpan>): void {
  const proposed = call.proposed?.data;
  const name = proposed?.toolName ?? proposed?.name ?? call.executed?.data.toolName ?? "unknown";
  const { status, deciding } = callDisposition(call);
  const start = call.proposed?.at ?? call.verdicts[0]?.at ?? call.executed?.at;
  const span: Span = tracer.startSpan(
    `${GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL} ${name}`,
    {
      kind: SpanKind.INTERNAL,
      startTime: start ? new Date(start) : undefined,
      attributes: {
        ...common,
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
        [ATTR_GEN_AI_TOOL_NAME]: name,
        [ATTR_GEN_AI_TOOL_TYPE]: "function",
        ...(proposed ? { [ATTR_GEN_AI_TOOL_CALL_ID]: proposed.modelCallId } : {}),
        "toolgate.call.id": call.callId,
        "toolgate.call.status": status,
        "toolgate.step": call.step,
        ...(deciding ? { "toolgate.verdict.stage": deciding.stage, "toolgate.verdict.outcome": deciding.outcome } : {}),
        ...(deciding?.ruleId ? { "toolgate.verdict.rule_id": deciding.ruleId } : {}),
        ...(proposed?.toolDigest ? { "toolgate.tool.digest": proposed.toolDigest } : {}),
        ...(proposed?.callDigest ? { "toolgate.call.digest": proposed.callDigest } : {}),
        ...(proposed?.risk ? { "toolgate.tool.risk": proposed.risk } : {}),
        ...(call.executed?.data.execution ? { "toolgate.execution.attempts": call.executed.data.execution.attempts } : {}),
      },
    },
    parent,
  );
  for (const verdict of call.verdicts) {
    span.addEvent(
      "toolgate.verdict",
      {
        "toolgate.verdict.stage": verdict.data.stage,
        "toolgate.verdict.outcome": verdict.data.outcome,
        ...(verdict.data.reason ? { "toolgate.verdict.reason": verdict.data.reason } : {}),
        ...(verdict.data.ruleId ? { "toolgate.verdict.rule_id": verdict.data.ruleId } : {}),
        ...(verdict.data.approver ? { "toolgate.approval.approver": verdict.data.approver } : {}),
      },
      new Date(verdict.at),
    );
  }
  const outcome = call.executed?.data.outcome;
  if (status === "rejected" || status === "failed") {
    span.setAttribute(ATTR_ERROR_TYPE, outcome && !outcome.ok ? outcome.error.code : status);
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome && !outcome.ok ? outcome.error.message : deciding?.reason ?? status });
  }
  span.end(new Date(call.executed?.at ?? call.verdicts.at(-1)?.at ?? start ?? Date.now()));
}

/** `openai-compatible:http://host/v1#qwen` → provider `openai-compatible`, model `qwen`; `openai:gpt-4.1` → `openai`, `gpt-4.1`. */
function parseModelSpec(spec: string): { provider: string; requestModel: string } {
  const colon = spec.indexOf(":");
  if (colon < 0) return { provider: "unknown", requestModel: spec };
  const provider = spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  const hash = rest.lastIndexOf("#");
  return { provider, requestModel: hash >= 0 ? rest.slice(hash + 1) : rest };
}

function isExporter(target: SpanTarget): target is SpanExporter {
  return typeof (target as SpanExporter).export === "function";
}
