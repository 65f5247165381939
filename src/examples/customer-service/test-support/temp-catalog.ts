// Test support: a customer-service catalog on a real SQLite file in a temp dir, and a recording ToolContext.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { ToolEffect } from "../../../record/index.js";
import type { ToolContext, ToolDefinition } from "../../../tool/index.js";
import { createCustomerServiceCatalog } from "../catalog.js";
import type { CustomerServiceCatalog } from "../catalog.js";

/** Monday 2026-01-05 09:00 UTC: a weekday morning, so "today" still has slots ahead and behind. */
export const fixedNow = new Date("2026-01-05T09:00:00.000Z");

export interface TempCatalog {
  catalog: CustomerServiceCatalog;
  directory: string;
  databasePath: string;
  /** Runs a tool's execute with a fresh context; `Result` is the shape the test expects back. */
  run<Result = unknown>(name: string, args: unknown, options?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<{ result: Result; effects: ToolEffect[] }>;
  tool(name: string): ToolDefinition;
  cleanup(): void;
}

export interface RecordingContext {
  context: ToolContext;
  effects: ToolEffect[];
  controller: AbortController;
}

export function createRecordingContext(options: { idempotencyKey?: string; signal?: AbortSignal } = {}): RecordingContext {
  const controller = new AbortController();
  const effects: ToolEffect[] = [];
  const context: ToolContext = {
    signal: options.signal ?? controller.signal,
    callId: `call-${randomUUID()}`,
    traceId: "trace-test",
    attempt: 1,
    idempotencyKey: options.idempotencyKey ?? randomUUID(),
    recordEffect(effect) {
      effects.push(effect);
    },
  };
  return { context, effects, controller };
}

export function openTempCatalog(now: Date = fixedNow): TempCatalog {
  const directory = mkdtempSync(join(tmpdir(), "toolgate-catalog-"));
  const databasePath = join(directory, "customer-service.sqlite");
  const catalog = createCustomerServiceCatalog({ databasePath, clock: () => new Date(now) });
  const tool = (name: string): ToolDefinition => {
    const found = catalog.tools.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no tool named ${name}`);
    return found;
  };
  return {
    catalog,
    directory,
    databasePath,
    tool,
    async run<Result>(name: string, args: unknown, options: { idempotencyKey?: string; signal?: AbortSignal } = {}) {
      const { context, effects } = createRecordingContext(options);
      const result = (await tool(name).execute(args, context)) as Result;
      return { result, effects };
    },
    cleanup() {
      catalog.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
