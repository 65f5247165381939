// Recorded runs as OpenTelemetry spans (GenAI semantic conventions), for an app's own pipeline or as OTLP/JSON; the SDK loads on first export.
import type { OtelExportOptions, SpanTarget } from "./otel-spans.js";
import type { AuditEvent } from "./types.js";

export type { OtelExportOptions, SpanTarget } from "./otel-spans.js";

/**
 * Emits one `invoke_agent` span per recorded run, a `chat` span per model step and an `execute_tool` span per
 * proposed call (refused calls included, with error status), timed by the events, not by the export. With an
 * exporter, the spans are handed over in one batch and the exporter stays open.
 */
export async function exportTraceSpans(events: readonly AuditEvent[], target: SpanTarget, options: OtelExportOptions = {}): Promise<{ runs: number; spans: number }> {
  // The OpenTelemetry SDK is several hundred modules: opening, writing or verifying a trail never needs it.
  return (await import("./otel-spans.js")).exportTraceSpans(events, target, options);
}

/** The runs as one OTLP/JSON ExportTraceServiceRequest, as an OTLP/HTTP collector accepts it on /v1/traces. */
export async function otlpJson(events: readonly AuditEvent[], options: OtelExportOptions = {}): Promise<string> {
  return (await import("./otel-spans.js")).otlpJson(events, options);
}
