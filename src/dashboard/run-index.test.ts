// The runs list's index over a real audit chain: keyset pages that neither skip nor repeat, filters, and runs whose
// events arrive across several catch-ups; on SQLite and on PostgreSQL (own schema).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEventInput, ChainedAuditStore } from "../audit/index.js";
import { createAuditSigner, openAuditStore } from "../audit/index.js";
import type { OpenedStore } from "../store/index.js";
import { openStore } from "../store/index.js";
import { openRunIndex } from "./run-index.js";

const signer = createAuditSigner({ hmacSecret: "run-index-test-key-0123456789abcdef" });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function runEvents(traceId: string, index: number, options: { tool?: string; deny?: boolean; principal?: string } = {}): AuditEventInput[] {
  const at = new Date(Date.UTC(2026, 11, 7, 9, 0, index)).toISOString();
  const callId = `${traceId}-c0`;
  return [
    { type: "run.started", traceId, at, data: { model: "scripted", principal: { id: options.principal ?? "alice" } } },
    { type: "call.proposed", traceId, callId, at, data: { step: 0, index: 0, name: options.tool ?? "get_weather", toolName: options.tool ?? "get_weather", arguments: "{}", repairs: [] } },
    { type: "call.verdict", traceId, callId, at, data: { step: 0, index: 0, position: 3, stage: "policy", outcome: options.deny ? "deny" : "pass", ruleId: options.deny ? "no-way" : "fine", durationUs: 5 } },
    { type: "run.finished", traceId, at, data: { model: "scripted", stopReason: "no-tool-calls", durationMs: 10 + index } },
  ];
}

async function stores(kind: "sqlite" | "postgres"): Promise<{ audit: ChainedAuditStore; index: OpenedStore }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-run-index-"));
    const audit = await openAuditStore(`sqlite:${join(dir, "audit.db")}`, { signer });
    const index = await openStore(`sqlite:${join(dir, "dashboard.db")}`);
    cleanups.push(async () => {
      await audit.close();
      await index.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { audit, index };
  }
  const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `f_run_index_${process.pid}_${Date.now()}`;
  const audit = await openAuditStore(`${pgUrl}?schema=${schema}`, { signer });
  const index = await openStore(`${pgUrl}?schema=${schema}`);
  cleanups.push(async () => {
    await audit.close();
    if (index.kind === "postgres") await index.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await index.close();
  });
  return { audit, index };
}

describe.each(["sqlite", "postgres"] as const)("run index on %s", (kind) => {
  it("pages newest first by keyset without skipping or repeating a run, and filters by tool, principal and verdict", async () => {
    const { audit, index } = await stores(kind);
    const events: AuditEventInput[] = [];
    for (let n = 0; n < 130; n++) events.push(...runEvents(`t${String(n).padStart(3, "0")}`, n, { deny: n % 10 === 0, tool: n % 2 === 0 ? "get_weather" : "bank.transfer", principal: n % 3 === 0 ? "carol" : "alice" }));
    await audit.append(events);
    const runs = await openRunIndex(index.sql, audit);
    expect(await runs.catchUp()).toBe(events.length);
    const seen: string[] = [];
    let before: number | undefined;
    for (let pageNumber = 0; pageNumber < 5; pageNumber++) {
      const page = await runs.page({}, { limit: 50, ...(before === undefined ? {} : { before }) });
      seen.push(...page.runs.map((run) => run.traceId));
      before = page.nextBefore;
      if (before === undefined) break;
    }
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    expect(seen[0]).toBe("t129");
    expect(seen.at(-1)).toBe("t000");

    const denied = await runs.page({ verdict: "denied" }, { limit: 500 });
    expect(denied.runs.map((run) => run.traceId)).toEqual(["t120", "t110", "t100", "t090", "t080", "t070", "t060", "t050", "t040", "t030", "t020", "t010", "t000"]);
    const carolsTransfers = await runs.page({ principal: "carol", tool: "bank.transfer" }, { limit: 500 });
    expect(carolsTransfers.runs.every((run) => Number(run.traceId.slice(1)) % 6 === 3)).toBe(true);
    expect(carolsTransfers.runs).toHaveLength(22);
    // A tool filter pages by keyset too, newest first, with the other filters applied to each run.
    const deniedWeather = await runs.page({ tool: "get_weather", verdict: "denied" }, { limit: 500 });
    expect(deniedWeather.runs.map((run) => run.traceId)).toEqual(denied.runs.map((run) => run.traceId));
    const weatherPages: string[] = [];
    for (let before: number | undefined, guard = 0; guard < 20; guard++) {
      const page = await runs.page({ tool: "get_weather" }, before === undefined ? { limit: 7 } : { limit: 7, before });
      weatherPages.push(...page.runs.map((run) => run.traceId));
      if (page.nextBefore === undefined) break;
      before = page.nextBefore;
    }
    expect(weatherPages).toEqual((await runs.page({ tool: "get_weather" }, { limit: 500 })).runs.map((run) => run.traceId));
    expect(weatherPages).toHaveLength(65);
    const window = await runs.page({ from: "2026-12-07T09:01:00.000Z", to: "2026-12-07T09:01:10.000Z" }, { limit: 500 });
    expect(window.runs.map((run) => run.traceId)).toEqual(["t069", "t068", "t067", "t066", "t065", "t064", "t063", "t062", "t061", "t060"]);
    const rates = await runs.toolRates(0);
    expect(rates).toEqual([
      { tool: "bank.transfer", calls: 65, denied: 0, approvals: 0 },
      { tool: "get_weather", calls: 65, denied: 13, approvals: 0 },
    ]);
  });

  it("folds a run whose events arrive across catch-ups, and a second index picks up where the stored position says", async () => {
    const { audit, index } = await stores(kind);
    const [started, proposed, verdict, finished] = runEvents("split", 0, { deny: true, tool: "explode" });
    // A pin re-approval (`mcp pins approve`) is in the chain but is no run: the list never shows it.
    await audit.append([{ type: "tool.pinned", traceId: "toolgate:mcp-pins:weather", at: "2026-12-07T09:00:00.000Z", data: { server: "weather", tool: "get_forecast", approvedBy: "ada" } }]);
    await audit.append([started!, proposed!]);
    const runs = await openRunIndex(index.sql, audit);
    await runs.catchUp();
    expect((await runs.page({})).runs.map((run) => run.traceId)).toEqual(["split"]);
    expect((await runs.page({})).runs[0]).toMatchObject({ traceId: "split", status: "running", verdict: "allowed", calls: 1 });
    await audit.append([verdict!, finished!]);
    await runs.catchUp();
    expect((await runs.page({})).runs[0]).toMatchObject({ traceId: "split", status: "ok", verdict: "denied", calls: 1, tools: { explode: { calls: 1, denied: 1, approvals: 0 } } });
    const reopened = await openRunIndex(index.sql, audit);
    expect(reopened.lastSeq).toBe(runs.lastSeq);
    expect(await reopened.catchUp()).toBe(0);
  });
});
