// `toolgate audit export`: the stored events as JSON Lines or runs as OTLP/JSON spans, narrowed by trace, time and event type.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InvalidArgumentError } from "commander";
import type { AuditEvent, AuditEventType, AuditStore } from "../audit/index.js";
import { auditEventsToJsonl, auditEventTypes, otlpJson } from "../audit/index.js";
import { readTraceEvents } from "./audit-trace.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

export interface ExportFlags {
  format: "jsonl" | "otel";
  trace?: string;
  since?: string;
  type?: AuditEventType[];
  out?: string;
}

/** Commander parser for --type: repeatable and comma-separated, each checked against the known event types. */
export function collectEventTypes(value: string, previous: AuditEventType[] | undefined): AuditEventType[] {
  const given = value.split(",").map((part) => part.trim()).filter((part) => part !== "");
  const unknown = given.filter((type) => !(auditEventTypes as readonly string[]).includes(type));
  if (given.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`${unknown.length > 0 ? `${unknown.join(", ")} is not an event type` : "no event type given"}; use one or more of ${auditEventTypes.join(", ")}, e.g. --type call.verdict`);
  }
  return [...new Set([...(previous ?? []), ...(given as AuditEventType[])])];
}

/**
 * Reads what the flags select. For JSON Lines every filter narrows the events. OTel spans are built from whole runs,
 * so there --since picks the runs that started at or after it, and --type (which would cut runs apart) is refused.
 */
export async function selectExportEvents(store: AuditStore, flags: Omit<ExportFlags, "out">): Promise<AuditEvent[]> {
  if (flags.format === "otel" && flags.type !== undefined) {
    throw usageError("--type selects single events, but OpenTelemetry spans are built from whole runs; drop --type, or use --format jsonl");
  }
  let sinceMs: number | undefined;
  if (flags.since !== undefined) {
    sinceMs = Date.parse(flags.since);
    if (Number.isNaN(sinceMs)) throw usageError(`--since ${flags.since}: not a time; use ISO 8601, e.g. --since 2026-01-31T00:00:00Z`);
  }
  let events = flags.trace === undefined ? await readAll(store, flags.type) : (await readTraceEvents(store, flags.trace)).events;
  if (flags.trace !== undefined && flags.type !== undefined) events = events.filter((event) => flags.type!.includes(event.type));
  if (sinceMs === undefined) return events;
  const recent = events.filter((event) => Date.parse(event.at) >= sinceMs);
  if (flags.format === "jsonl") return recent;
  const runsSince = new Set(recent.filter((event) => event.type === "run.started").map((event) => event.traceId));
  return events.filter((event) => runsSince.has(event.traceId));
}

export async function exportEvents(events: AuditEvent[], flags: Pick<ExportFlags, "format" | "out">, io: CliIo): Promise<number> {
  const text = flags.format === "otel" ? `${await otlpJson(events)}\n` : auditEventsToJsonl(events);
  if (flags.out === undefined) {
    io.stdout.write(text);
  } else {
    const path = resolve(io.cwd ?? process.cwd(), flags.out);
    await writeFile(path, text, "utf8");
    writeLine(io.stderr, `wrote ${events.length} events${flags.format === "otel" ? " as OTLP/JSON spans" : ""} to ${flags.out}`);
  }
  return exitCodes.ok;
}

/** The whole chain (or the events of the given types), a page at a time so one query never holds the store for long. */
async function readAll(store: AuditStore, types: AuditEventType[] | undefined): Promise<AuditEvent[]> {
  const pageSize = 5_000;
  const events: AuditEvent[] = [];
  let fromSeq = 0;
  for (;;) {
    const page = await store.read({ fromSeq, limit: pageSize, ...(types ? { types } : {}) });
    events.push(...page);
    if (page.length < pageSize) return events;
    fromSeq = page.at(-1)!.seq + 1;
  }
}
