// bench:dashboard — first render of a trace with 100 calls, and runs-list pages with 100k traces in the store (SQLite and
// PostgreSQL), fetched over loopback HTTP with a signed-in session; each against the raw store query for the same data,
// measured in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { runAgent } from "../src/agent/index.js";
import type { AuditEventInput, ChainedAuditStore } from "../src/audit/index.js";
import { auditRecorder, createAuditSigner, openAuditStore } from "../src/audit/index.js";
import { createDashboardApp, openRunIndex, openSessionStore } from "../src/dashboard/index.js";
import type { RunFilter, RunIndex } from "../src/dashboard/index.js";
import { scriptedModel } from "../src/model/scripted.js";
import { loadPolicy } from "../src/policy/index.js";
import { openApiKeyStore } from "../src/server/index.js";
import type { OpenedStore } from "../src/store/index.js";
import { openStore } from "../src/store/index.js";
import { testTools } from "../src/test-support/tools.js";

const traces = Number(process.env.BENCH_DASHBOARD_TRACES ?? 100_000);
const samples = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 30);
const pgUrl = process.env.TOOLGATE_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const only = process.env.BENCH_DASHBOARD_STORES?.split(",") ?? ["sqlite", "postgres"];
const signer = createAuditSigner({ hmacSecret: "bench-dashboard-key-0123456789abcdef" });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(0.95 * values.length))]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Alternates the page and its baseline, `samples` times each, so load on the machine hits both alike. */
async function compare(page: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<{ page: number[]; pageCpu: number[]; baseline: number[] }> {
  const result = { page: [] as number[], pageCpu: [] as number[], baseline: [] as number[] };
  await page();
  await baseline();
  for (let round = 0; round < samples; round++) {
    // CPU time of this process (server and client share it) while the page is fetched: what load cannot inflate much.
    const cpu = process.cpuUsage();
    result.page.push(await timed(page));
    const used = process.cpuUsage(cpu);
    result.pageCpu.push((used.user + used.system) / 1000);
    result.baseline.push(await timed(baseline));
  }
  return result;
}

/** A loopback server with the dashboard at /ui and a signed-in admin session; returns a fetcher that checks the status. */
async function dashboardServer(audit: ChainedAuditStore, runIndex: RunIndex, keysStore: OpenedStore) {
  const keys = await openApiKeyStore(keysStore);
  const { key } = await keys.create({ id: "bench-admin", roles: ["admin"] });
  const app = new Hono();
  app.route("/ui", createDashboardApp({ audit, keys, sessions: await openSessionStore(keysStore.sql), runIndex }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  // A slow baseline between two page fetches must not outlast the idle keep-alive and reset the reused connection.
  if ("keepAliveTimeout" in server) server.keepAliveTimeout = 600_000;
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const signInPage = await fetch(`${origin}/ui/sign-in`);
  const signInCookie = signInPage.headers.getSetCookie()[0]!.split(";")[0]!;
  const token = /name="_signin" value="([^"]+)"/.exec(await signInPage.text())![1]!;
  const signedIn = await fetch(`${origin}/ui/sign-in`, { method: "POST", redirect: "manual", headers: { cookie: signInCookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _signin: token, key }) });
  const session = signedIn.headers.getSetCookie().find((line) => line.startsWith("toolgate_session="))!.split(";")[0]!;
  const get = async (path: string): Promise<string> => {
    const response = await fetch(`${origin}/ui${path}`, { headers: { cookie: session, accept: "text/html" } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET /ui${path}: ${response.status} ${body.slice(0, 200)}`);
    return body;
  };
  return { get, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One run of the real loop and gate with 100 calls (4 steps of 25), recorded to the audit store. */
async function traceWith100Calls(audit: ChainedAuditStore): Promise<string> {
  const { registry } = testTools();
  const step = (offset: number) => ({ toolCalls: Array.from({ length: 25 }, (_, index) => ({ name: "get_weather", arguments: JSON.stringify({ city: `City ${offset + index}`, unit: "c" }) })) });
  const trace = await runAgent({
    model: scriptedModel([step(0), step(25), step(50), step(75), "done"], "scripted:bench"),
    tools: registry,
    messages: [{ role: "user", content: "weather everywhere" }],
    sink: auditRecorder(audit, { registry }),
    policy: loadPolicy({ rules: [{ id: "weather-is-fine", tool: "get_weather", effect: "allow" }] }, { clock: () => new Date() }),
    maxSteps: 6,
  });
  return trace.id;
}

/** Four events per run, as the gateway writes them: started (principal), one proposed call, its policy verdict, finished. */
function syntheticRun(n: number): AuditEventInput[] {
  const traceId = `bench-${String(n).padStart(7, "0")}`;
  const at = new Date(Date.UTC(2026, 11, 1) + n * 1000).toISOString();
  const callId = `${traceId}-c0`;
  const tool = ["crm.lookup", "orders.refund", "mail.send", "kb.search"][n % 4]!;
  const deny = n % 17 === 0;
  return [
    { type: "run.started", traceId, at, data: { mode: "guard", model: "gpt-bench", principal: { id: `user-${n % 50}`, roles: ["customer"] } } },
    { type: "call.proposed", traceId, callId, at, data: { step: 0, index: 0, name: tool, toolName: tool, arguments: `{"id":"${n}"}`, repairs: [] } },
    { type: "call.verdict", traceId, callId, at, data: { step: 0, index: 0, position: 3, stage: "policy", outcome: deny ? "deny" : "pass", ruleId: deny ? "no-refunds-on-sunday" : "default", durationUs: 40 } },
    { type: "run.finished", traceId, at, data: { mode: "guard", outcome: "ok", stopReason: "no-tool-calls", durationMs: 20 + (n % 300) } },
  ];
}

async function seedRuns(audit: ChainedAuditStore): Promise<number> {
  const started = performance.now();
  const batch = 1000;
  for (let from = 0; from < traces; from += batch) {
    const events: AuditEventInput[] = [];
    for (let n = from; n < Math.min(traces, from + batch); n++) events.push(...syntheticRun(n));
    await audit.append(events);
  }
  return performance.now() - started;
}

interface StoreResult {
  store: string;
  seedMs: number;
  indexMs: number;
  listTracesMs: number;
  trace: { page: number; pageP95: number; pageCpu: number; pageCpuP95: number; baseline: number };
  pages: Array<{ name: string; page: number; pageP95: number; baseline: number; rows: number }>;
}

async function benchStore(kind: "sqlite" | "postgres"): Promise<StoreResult> {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-bench-dashboard-"));
  const schema = `f_bench_dashboard_${process.pid}`;
  const auditUrl = kind === "sqlite" ? `sqlite:${join(dir, "audit.db")}` : `${pgUrl}?schema=${schema}`;
  const audit = await openAuditStore(auditUrl, { signer });
  const index = await openStore(kind === "sqlite" ? `sqlite:${join(dir, "dashboard.db")}` : `${pgUrl}?schema=${schema}`, { what: "dashboard index" });
  const keysStore = await openStore("sqlite::memory:", { what: "key store" });
  try {
    process.stderr.write(`${kind}: recording a trace with 100 calls through the gate, then ${traces} runs…\n`);
    const traceId = await traceWith100Calls(audit);
    const seedMs = await seedRuns(audit);
    const runIndex = await openRunIndex(index.sql, audit);
    const indexMs = await timed(() => runIndex.catchUp());
    const server = await dashboardServer(audit, runIndex, keysStore);
    try {
      // The trace page: the first request of each sample renders from the store (nothing is cached between requests).
      const traceTimes = await compare(
        async () => {
          const body = await server.get(`/runs/${traceId}`);
          if ((body.match(/<article class="call"/g) ?? []).length !== 100) throw new Error("the trace page does not show 100 calls");
        },
        () => audit.read({ traceId }),
      );
      const firstPage = await runIndex.page({});
      const deep = await runIndex.page({}, { before: firstPage.runs[0]!.firstSeq - Math.floor(traces * 2) });
      const deepBefore = deep.runs[0]?.firstSeq ?? firstPage.runs[0]!.firstSeq;
      const cases: Array<{ name: string; path: string; filter: RunFilter; before?: number }> = [
        { name: "newest page", path: "/runs", filter: {} },
        { name: `deep page (~${Math.floor(traces / 2)} runs back)`, path: `/runs?before=${deepBefore}`, filter: {}, before: deepBefore },
        { name: "filtered: tool + verdict denied", path: "/runs?tool=orders.refund&verdict=denied", filter: { tool: "orders.refund", verdict: "denied" } },
        { name: "filtered: principal", path: "/runs?principal=user-7", filter: { principal: "user-7" } },
      ];
      const pages: StoreResult["pages"] = [];
      for (const entry of cases) {
        let rows = 0;
        const times = await compare(
          async () => {
            const body = await server.get(entry.path);
            rows = (body.match(/<tr data-trace=/g) ?? []).length;
          },
          // The raw store query behind the same page (the index's keyset SELECT), without HTTP, session or rendering.
          () => runIndex.page(entry.filter, entry.before === undefined ? {} : { before: entry.before }),
        );
        if (rows === 0) throw new Error(`${entry.name}: the page lists no runs`);
        pages.push({ name: entry.name, page: median(times.page), pageP95: p95(times.page), baseline: median(times.baseline), rows });
      }
      // What listing the latest 50 runs costs without the index: the audit store's own listTraces (`toolgate audit list`).
      const listTraces: number[] = [];
      for (let round = 0; round < 3; round++) listTraces.push(await timed(() => audit.listTraces({ limit: 50 })));
      return { store: kind, seedMs, indexMs, listTracesMs: median(listTraces), trace: { page: median(traceTimes.page), pageP95: p95(traceTimes.page), pageCpu: median(traceTimes.pageCpu), pageCpuP95: p95(traceTimes.pageCpu), baseline: median(traceTimes.baseline) }, pages };
    } finally {
      await server.close();
    }
  } finally {
    await audit.close();
    if (index.kind === "postgres") await index.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await index.close();
    await keysStore.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadBefore = loadavg()[0]!;
const results: StoreResult[] = [];
for (const kind of ["sqlite", "postgres"] as const) if (only.includes(kind)) results.push(await benchStore(kind));
const loadAfter = loadavg()[0]!;

if (process.argv.includes("--json")) {
  process.stdout.write(`${JSON.stringify({ traces, samples, loadBefore, loadAfter, results }, null, 2)}\n`);
} else {
  console.log(`bench:dashboard — ${traces} runs in the store, ${samples} alternating samples per row, medians (p95); load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
  for (const result of results) {
    console.log(`\n${result.store}: seeding ${traces} runs took ${(result.seedMs / 1000).toFixed(1)} s; indexing them for the runs list ${(result.indexMs / 1000).toFixed(1)} s (once, then incremental)`);
    console.log(`  trace with 100 calls, first render over HTTP: ${ms(result.trace.page)} (p95 ${ms(result.trace.pageP95)}) vs raw store read of its events ${ms(result.trace.baseline)} → ${(result.trace.page / result.trace.baseline).toFixed(2)}x; target < 300 ms: median ${result.trace.page < 300 ? "met" : "NOT met"}, p95 ${result.trace.pageP95 < 300 ? "met" : "NOT met"}; CPU per render (client + server, one process) ${ms(result.trace.pageCpu)} (p95 ${ms(result.trace.pageCpuP95)})`);
    for (const page of result.pages) {
      console.log(`  runs ${page.name} (${page.rows} rows): ${ms(page.page)} (p95 ${ms(page.pageP95)}) vs its raw index query ${ms(page.baseline)} → ${(page.page / page.baseline).toFixed(2)}x; < 300 ms: ${page.page < 300 ? "met" : "NOT met"}`);
    }
    console.log(`  for comparison, the audit store's own listTraces(50) over the events (no index): ${ms(result.listTracesMs)}`);
  }
}
