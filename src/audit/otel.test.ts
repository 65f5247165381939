// OpenTelemetry export of recorded runs: GenAI span names and attributes, parentage, event timestamps, OTLP/JSON.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../record/index.js";
import { testTools } from "../test-support/tools.js";
import type { AuditEvent } from "./index.js";
import { exportTraceSpans, otlpJson } from "./otel.js";
import type { TempAuditStore } from "./test-support/recorded-runs.js";
import { recordScriptedRun, tempAuditStore } from "./test-support/recorded-runs.js";

interface OtlpAttribute { key: string; value: { stringValue?: string; intValue?: number | string; boolValue?: boolean; arrayValue?: { values: Array<{ stringValue?: string }> } } }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; startTimeUnixNano: string; endTimeUnixNano: string; attributes: OtlpAttribute[]; status: { code: number; message?: string }; events: Array<{ name: string; attributes: OtlpAttribute[] }> }
interface OtlpRequest { resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }> }> }

const attr = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((attribute) => attribute.key === key)?.value;
  if (!value) return undefined;
  if (value.arrayValue) return value.arrayValue.values.map((item) => item.stringValue);
  return value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue);
};
const nanos = (iso: string) => String(BigInt(Date.parse(iso)) * 1_000_000n);

let temp: TempAuditStore;
let trace: Trace;
let events: AuditEvent[];

beforeAll(async () => {
  temp = await tempAuditStore();
  const { registry } = testTools();
  ({ trace, events } = await recordScriptedRun(temp.store, registry, [
    { toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }, { name: "bank_transfer", arguments: '{"to":"x","amount":-5}' }, { name: "explode", arguments: "{}" }] },
    "It is 21°C in Paris.",
  ]));
});
afterAll(async () => {
  await temp.remove();
});

describe("otlpJson", () => {
  it("writes one invoke_agent span per run, a chat span per step and an execute_tool span per call, following the GenAI conventions", async () => {
    const request = JSON.parse(await otlpJson(events)) as OtlpRequest;
    const spans = request.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    expect(spans.map((span) => span.name).sort()).toEqual([
      "chat scripted", "chat scripted", "execute_tool bank.transfer", "execute_tool explode", "execute_tool get_weather", "invoke_agent toolgate",
    ]);
    const agent = spans.find((span) => span.name === "invoke_agent toolgate")!;
    // The audit trace id is a UUID, so it is the OTel trace id too.
    expect(agent.traceId).toBe(trace.id.replace(/-/g, ""));
    expect(agent.parentSpanId ?? "").toBe("");
    expect(attr(agent, "gen_ai.operation.name")).toBe("invoke_agent");
    expect(attr(agent, "gen_ai.provider.name")).toBe("openai-compatible");
    expect(attr(agent, "gen_ai.request.model")).toBe("scripted");
    expect(attr(agent, "gen_ai.usage.input_tokens")).toBe(trace.usage.inputTokens);
    expect(attr(agent, "toolgate.stop_reason")).toBe("no-tool-calls");
    expect(agent.startTimeUnixNano).toBe(nanos(trace.startedAt));
    expect(agent.endTimeUnixNano).toBe(nanos(trace.finishedAt));
    for (const span of spans.filter((span) => span !== agent)) {
      expect(span.parentSpanId).toBe(agent.spanId);
      expect(span.traceId).toBe(agent.traceId);
    }

    const chat = spans.find((span) => span.name === "chat scripted")!;
    expect(chat.kind).toBe(3); // CLIENT
    expect(attr(chat, "gen_ai.operation.name")).toBe("chat");
    expect(attr(chat, "gen_ai.response.finish_reasons")).toEqual(["tool-calls"]);
    expect(attr(chat, "gen_ai.usage.output_tokens")).toBe(5);

    const [ran, refused, failed] = trace.calls;
    const weather = spans.find((span) => span.name === "execute_tool get_weather")!;
    expect(attr(weather, "gen_ai.operation.name")).toBe("execute_tool");
    expect(attr(weather, "gen_ai.tool.name")).toBe("get_weather");
    expect(attr(weather, "gen_ai.tool.call.id")).toBe(ran!.proposed.id);
    expect(attr(weather, "toolgate.call.status")).toBe("succeeded");
    expect(attr(weather, "toolgate.verdict.outcome")).toBe("pass");
    expect(weather.status.code).toBe(0);
    expect(weather.startTimeUnixNano).toBe(nanos(ran!.startedAt));
    expect(weather.events.map((event) => event.attributes.find((attribute) => attribute.key === "toolgate.verdict.stage")?.value.stringValue)).toEqual([
      "decode", "resolve", "validate", "policy", "execute", "guard",
    ]);

    const transfer = spans.find((span) => span.name === "execute_tool bank.transfer")!;
    expect(attr(transfer, "gen_ai.tool.call.id")).toBe(refused!.proposed.id);
    expect(attr(transfer, "toolgate.verdict.stage")).toBe("validate");
    expect(attr(transfer, "toolgate.verdict.outcome")).toBe("fail");
    expect(attr(transfer, "error.type")).toBe("invalid_arguments");
    expect(transfer.status.code).toBe(2); // ERROR

    const exploded = spans.find((span) => span.name === "execute_tool explode")!;
    expect(attr(exploded, "toolgate.call.status")).toBe(failed!.status);
    expect(exploded.status).toMatchObject({ code: 2, message: expect.stringContaining("kaboom") });
  });

  it("exports the same trail to the same bytes: ids come from the trace, times from the events", async () => {
    expect(await otlpJson(events)).toBe(await otlpJson([...events].reverse()));
  });
});

describe("exportTraceSpans", () => {
  it("hands an exporter every span in one batch and leaves it open", async () => {
    const exporter = new InMemorySpanExporter();
    const result = await exportTraceSpans(events, exporter);
    expect(result).toEqual({ runs: 1, spans: 6 });
    expect(exporter.getFinishedSpans()).toHaveLength(6);
    // Still open: a second export lands as well.
    await exportTraceSpans(events, exporter);
    expect(exporter.getFinishedSpans()).toHaveLength(12);
  });

  it("sends spans through an app's own TracerProvider", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    await exportTraceSpans(events, provider, { agentName: "support-bot" });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toContain("invoke_agent support-bot");
    const agent = spans.find((span) => span.name === "invoke_agent support-bot")!;
    expect(agent.attributes["toolgate.trace_id"]).toBe(trace.id);
    expect(spans.filter((span) => span.name.startsWith("execute_tool")).every((span) => span.parentSpanContext?.spanId === agent.spanContext().spanId)).toBe(true);
    await provider.shutdown();
  });
});
