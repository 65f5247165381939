// bench:gateway — added latency and throughput of toolgate guard mode (SQLite audit, then PostgreSQL, each at both audit
// durability levels) and of the Portkey AI Gateway, over the same loopback mock upstream (fixed 20 ms, one tool call per
// response) called directly, in one run; the targets take turns at each concurrency. Every process listens on 127.0.0.1
// only and every cell runs for a fixed time, so the whole run is bounded. BENCH_GATEWAY_TARGETS=sqlite,portkey (words of
// the target names) runs only some toolgate targets; direct, Portkey and a plain node:http proxy (the floor: the same HTTP
// hop with no checks and no audit) always run.
import { fork, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";

const role = process.env.BENCH_GATEWAY_ROLE;
const upstreamDelayMs = Number(process.env.BENCH_UPSTREAM_DELAY_MS ?? 20);
const seconds = Number(process.env.BENCH_GATEWAY_SECONDS ?? 4);
const concurrencies = (process.env.BENCH_GATEWAY_CONNECTIONS ?? "1,16,64").split(",").map(Number);
const workers = Number(process.env.BENCH_GATEWAY_WORKERS ?? 2);
const pgBase = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const json = process.argv.includes("--json");
const plainProxyName = "plain node:http proxy (no checks, no audit)";

/** What the upstream answers every time: one tool call, as a model proposing a lookup would. */
const completion = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1_800_000_000,
  model: "mock-model",
  choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_order", arguments: '{"order_id":"A17"}' } }] }, finish_reason: "tool_calls" }],
  usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 },
});

const requestBody = JSON.stringify({
  model: "mock-model",
  messages: [{ role: "user", content: "where is my order A17?" }],
  tools: [
    { type: "function", function: { name: "get_order", description: "look up an order", parameters: { type: "object", properties: { order_id: { type: "string", pattern: "^A\\d+$" } }, required: ["order_id"], additionalProperties: false } } },
    { type: "function", function: { name: "cancel_order", description: "cancel an order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } } },
  ],
});

if (role === "upstream") {
  // Its own process, so the load generator and the gateways never share its event loop.
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => setTimeout(() => response.writeHead(200, { "content-type": "application/json" }).end(completion), upstreamDelayMs));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
} else if (role === "plain-proxy") {
  // The floor any Node gateway stands on: the same HTTP hop (read and parse the body, forward it over a keep-alive agent,
  // parse the answer, send it back) with no checks and no audit. Its added latency is what the HTTP hop alone costs here.
  const upstreamPort = Number(process.env.BENCH_UPSTREAM_PORT);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      JSON.parse(body);
      const forwarded = httpRequest({ host: "127.0.0.1", port: upstreamPort, path: "/v1/chat/completions", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (answer) => {
        let text = "";
        answer.setEncoding("utf8");
        answer.on("data", (chunk: string) => (text += chunk));
        answer.on("end", () => {
          const out = JSON.stringify(JSON.parse(text));
          response.writeHead(answer.statusCode ?? 502, { "content-type": "application/json", "content-length": Buffer.byteLength(out) }).end(out);
        });
      });
      forwarded.on("error", () => response.writeHead(502).end());
      forwarded.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
} else if (role === "gateway") {
  // `toolgate serve` as a user runs it (workers fork this same file, and run the same command).
  const { main } = await import("../src/cli/main.js");
  process.exitCode = await main(JSON.parse(process.env.BENCH_GATEWAY_ARGS!) as string[]);
} else {
  await runBench();
}

interface Cell {
  target: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time the target's processes (and their threads) spent per request, µs; undefined where /proc is not there. */
  cpuUsPerRequest?: number;
}

/** CPU ms (user + system) of a process and its descendants, from /proc: the same measure for every target in the run. */
function treeCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return children.reduce((total, child) => total + (treeCpuMs(child) ?? 0), ticks * 10);
  } catch {
    return undefined;
  }
}

async function runBench(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), "toolgate-bench-gateway-"));
  const schema = `e_bench_gateway_${process.pid}`;
  const loadBefore = loadavg();
  try {
    const upstream = fork(self, [], { env: { ...process.env, BENCH_GATEWAY_ROLE: "upstream" }, execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(upstream);
    const upstreamPort = await new Promise<number>((resolve) => upstream.once("message", (message: { port: number }) => resolve(message.port)));
    const upstreamUrl = `http://127.0.0.1:${upstreamPort}/v1`;
    const plainProxy = fork(self, [], { env: { ...process.env, BENCH_GATEWAY_ROLE: "plain-proxy", BENCH_UPSTREAM_PORT: String(upstreamPort) }, execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(plainProxy);
    const plainProxyPort = await new Promise<number>((resolve) => plainProxy.once("message", (message: { port: number }) => resolve(message.port)));

    // One API key, in a key store every gateway run shares.
    const { openStore } = await import("../src/store/index.js");
    const { openApiKeyStore } = await import("../src/server/index.js");
    const keyStore = await openStore(`sqlite:${join(dir, "keys.db")}`);
    const apiKey = (await (await openApiKeyStore(keyStore)).create({ id: "bench", roles: ["user"] })).key;
    await keyStore.close();
    writeFileSync(join(dir, "policy.yaml"), ["default: allow", "rules:", "  - id: no-cancel", "    tool: cancel_order", "    effect: deny", "    reason: orders are cancelled by people", ""].join("\n"));

    // The audit store alone, as the gateway drives it: 16 appenders, each appending one request's 9 events at a time.
    const storeAlone = await auditStoreAlone(dir);
    if (!json) for (const row of storeAlone) console.error(`audit store alone, commits on the ${row.commits}: ${row.eventsPerSecond} events/s`);

    const cells: Cell[] = [];
    const sent = new Map<string, number>();
    interface Target {
      target: string;
      url: string;
      headers: Record<string, string>;
      pid: number | undefined;
    }
    const warmUp = async ({ target, url, headers }: Target) => {
      const warm = await autocannon({ url, method: "POST", headers, body: requestBody, connections: 16, duration: 1 });
      sent.set(target, (sent.get(target) ?? 0) + warm.requests.total);
    };
    const measure = async ({ target, url, headers, pid }: Target, connections: number) => {
      const cpuBefore = treeCpuMs(pid);
      const result = await autocannon({ url, method: "POST", headers, body: requestBody, connections, duration: seconds });
      const cpuAfter = treeCpuMs(pid);
      sent.set(target, (sent.get(target) ?? 0) + result.requests.total);
      const cpuUsPerRequest = cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 ? Math.round((1000 * (cpuAfter - cpuBefore)) / result.requests.total) : undefined;
      cells.push({ target, connections, requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts, ...(cpuUsPerRequest === undefined ? {} : { cpuUsPerRequest }) });
      if (!json) console.error(`${target} c=${connections}: ${result.requests.average.toFixed(0)} req/s p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms errors ${result.errors + result.non2xx} cpu ${cpuUsPerRequest ?? "?"} µs/request`);
    };
    const openAiHeaders = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };

    const startGateway = async (audit: string, processes: number, durability: string) => {
      const args = ["serve", "--upstream", upstreamUrl, "--model", "mock-model", "--port", "0", "--audit", audit, "--audit-durability", durability, "--keys", `sqlite:${join(dir, "keys.db")}`, "--policy", join(dir, "policy.yaml"), "--workers", String(processes)];
      const child = fork(self, [], {
        env: { ...process.env, BENCH_GATEWAY_ROLE: "gateway", BENCH_GATEWAY_ARGS: JSON.stringify(args), TOOLGATE_AUDIT_KEY: undefined, TOOLGATE_HOME: join(dir, "home") },
        execArgv: process.execArgv,
        cwd: dir,
        stdio: ["ignore", "pipe", "inherit", "ipc"],
      });
      children.push(child);
      const port = await new Promise<number>((resolve, reject) => {
        let text = "";
        child.stdout!.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          const found = /listening on http:\/\/127\.0\.0\.1:(\d+)\/v1/.exec(text);
          if (found) resolve(Number(found[1]));
        });
        child.once("exit", (code) => reject(new Error(`toolgate serve exited with ${code}: ${text}`)));
      });
      return { child, url: `http://127.0.0.1:${port}/v1/chat/completions` };
    };
    // SIGTERM lets the gateway finish what it acknowledged; a primary that has not exited 15 s later is killed.
    const stop = async (child: ChildProcess) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    };
    const auditCount = async (audit: string) => {
      const { openAuditStore, resolveAuditKey, defaultAuditKeyPath } = await import("../src/audit/index.js");
      const { signer } = resolveAuditKey({ env: {}, keyPath: defaultAuditKeyPath(audit, dir), cwd: dir });
      const store = await openAuditStore(audit, { signer, cwd: dir });
      const verified = await store.verify();
      const recorded = (await store.read({ types: ["run.finished"] })).length;
      await store.close();
      return { events: verified.eventsChecked, recorded, verified: verified.ok };
    };

    const trails: Trail[] = [];
    // SQLite commits run in each process's writer thread, so processes sharing the file wait for its lock off their event
    // loops: one process, then the workers; PostgreSQL takes the workers. Each store at both durability levels: an fsync
    // (or the server's WAL flush) before every answer, and the commit handed to the OS (or the server) only.
    const gatewaySpecs = [
      ["toolgate guard, SQLite audit", `sqlite:${join(dir, "audit.db")}`, 1, "power-loss"],
      ["toolgate guard, SQLite audit, process-crash durability", `sqlite:${join(dir, "audit-relaxed.db")}`, 1, "process-crash"],
      [`toolgate guard, SQLite audit, ${workers} workers`, `sqlite:${join(dir, "audit-workers.db")}`, workers, "power-loss"],
      [`toolgate guard, PostgreSQL audit, ${workers} workers`, `${pgBase}?schema=${schema}`, workers, "power-loss"],
      [`toolgate guard, PostgreSQL audit, ${workers} workers, process-crash durability`, `${pgBase}?schema=${schema}_relaxed`, workers, "process-crash"],
    ] as const;
    const only = process.env.BENCH_GATEWAY_TARGETS?.split(",").map((word) => word.trim().toLowerCase());
    const wanted = gatewaySpecs.filter(([target]) => only === undefined || only.some((word) => target.toLowerCase().includes(word)));
    const gateways: Array<{ spec: (typeof gatewaySpecs)[number]; child: ChildProcess; target: Target }> = [];
    for (const spec of wanted) {
      const [target, audit, processes, durability] = spec;
      const gateway = await startGateway(audit, processes, durability);
      gateways.push({ spec, child: gateway.child, target: { target, url: gateway.url, headers: openAiHeaders, pid: gateway.child.pid } });
    }

    const portkeyPort = 20_000 + (process.pid % 20_000);
    const portkey = spawn(process.execPath, ["node_modules/@portkey-ai/gateway/build/start-server.js", `--port=${portkeyPort}`, "--headless"], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(portkey);
    await new Promise<void>((resolve, reject) => {
      let text = "";
      portkey.stdout!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("Ready for connections")) resolve();
      });
      portkey.once("exit", (code) => reject(new Error(`Portkey exited with ${code}: ${text}`)));
    });
    const portkeyTarget: Target = {
      target: "Portkey 1.15.2",
      url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
      headers: { "content-type": "application/json", authorization: "Bearer unused", "x-portkey-provider": "openai", "x-portkey-custom-host": upstreamUrl },
      pid: portkey.pid,
    };

    // Every server is up from here on; the targets take turns at each concurrency, so a machine whose load drifts during
    // the run (other work on it) shifts every target's cell alike instead of whichever ran last.
    const plainProxyTarget: Target = { target: plainProxyName, url: `http://127.0.0.1:${plainProxyPort}/v1/chat/completions`, headers: { "content-type": "application/json" }, pid: plainProxy.pid };
    const targets: Target[] = [{ target: "direct", url: `${upstreamUrl}/chat/completions`, headers: { "content-type": "application/json" }, pid: upstream.pid }, plainProxyTarget, ...gateways.map((gateway) => gateway.target), portkeyTarget];
    for (const target of targets) await warmUp(target);
    for (const connections of concurrencies) for (const target of targets) await measure(target, connections);

    for (const { spec, child } of gateways) {
      const [target, audit] = spec;
      await stop(child);
      // Every request the gateway answered must be in the trail (run.started … run.finished), and the chain must verify.
      trails.push({ target, ...(await auditCount(audit)), requests: sent.get(target)! });
    }

    const loadAfter = loadavg();
    report(cells, trails, storeAlone, loadBefore, loadAfter);
  } finally {
    for (const child of children) child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect().then(() => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_relaxed" CASCADE`)).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

interface Trail {
  target: string;
  events: number;
  verified: boolean;
  /** Requests the load generator counted as answered (warm-up included). */
  requests: number;
  /** Requests the trail records as finished: at least `requests` (a cell's last requests are answered after it stops counting). */
  recorded: number;
}

/** Events/s the SQLite store takes from 16 concurrent appenders for 2 s: commits on the calling thread vs in the writer thread, fsync per commit vs none. */
async function auditStoreAlone(dir: string): Promise<Array<{ commits: string; eventsPerSecond: number }>> {
  const { openAuditStore, createAuditSigner, generateAuditKeyPair } = await import("../src/audit/index.js");
  const { newTraceId } = await import("../src/record/index.js");
  const signer = createAuditSigner({ ed25519PrivateKeyPem: generateAuditKeyPair().privateKeyPem });
  // Trace ids as the gateway makes them (time-ordered UUIDv7), so the store's trace index grows as it does there.
  const request = (index: number) => {
    const traceId = newTraceId();
    return Array.from({ length: 9 }, (_, event) => ({ type: "call.verdict" as const, traceId, callId: `c-${index}`, at: new Date().toISOString(), data: { stage: "policy", outcome: "allow", event } }));
  };
  const rows: Array<{ commits: string; eventsPerSecond: number }> = [];
  for (const [writerThread, durability] of [["never", "power-loss"], ["always", "power-loss"], ["always", "process-crash"]] as const) {
    const store = await openAuditStore(`sqlite:${join(dir, `store-alone-${writerThread}-${durability}.db`)}`, { signer, writerThread, durability });
    await store.append(request(0));
    const until = performance.now() + 2000;
    let events = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let index = 1; performance.now() < until; index++) {
          // Not `events += (await …).length`: that reads `events` before the await, and the 16 appenders overwrote each
          // other's counts (earlier runs of this bench reported about a sixteenth of the real rate).
          const appended = await store.append(request(index));
          events += appended.length;
        }
      }),
    );
    rows.push({ commits: `${writerThread === "never" ? "calling thread" : "writer thread"}, ${durability} durability`, eventsPerSecond: Math.round(events / ((performance.now() - started) / 1000)) });
    await store.close();
  }
  return rows;
}

function report(cells: Cell[], trails: Trail[], storeAlone: Array<{ commits: string; eventsPerSecond: number }>, loadBefore: number[], loadAfter: number[]): void {
  const direct = new Map(cells.filter((cell) => cell.target === "direct").map((cell) => [cell.connections, cell]));
  const rows = cells.map((cell) => ({ ...cell, addedP50: cell.p50 - direct.get(cell.connections)!.p50, addedP99: cell.p99 - direct.get(cell.connections)!.p99 }));
  const saturated = (target: string) => Math.max(...cells.filter((cell) => cell.target === target).map((cell) => cell.rps));
  const portkey = saturated("Portkey 1.15.2");
  const toolgateTargets = trails.map((trail) => trail.target);
  const at16 = (target: string) => rows.find((row) => row.target === target && row.connections === 16)?.addedP50;
  // The upstream alone answers `connections` requests every `upstreamDelayMs`: the direct row far below that means the load
  // generator, the upstream and the gateways were starved of CPU, and every ratio of the run says more about the machine.
  const widest = Math.max(...concurrencies);
  const directCeiling = (widest * 1000) / upstreamDelayMs;
  const directReached = direct.get(widest)?.rps ?? 0;
  const starved = directReached < 0.5 * directCeiling;
  const summary = {
    upstreamDelayMs,
    starved: { starved, directReqPerSecond: Math.round(directReached), directCeiling: Math.round(directCeiling) },
    secondsPerCell: seconds,
    workers,
    load: { before: loadBefore.map((value) => Number(value.toFixed(2))), after: loadAfter.map((value) => Number(value.toFixed(2))) },
    rows,
    auditStoreAlone: storeAlone,
    audit: trails.map((trail) => {
      const eventsPerRequest = trail.events / Math.max(1, trail.recorded);
      return { ...trail, eventsPerRequest: Number(eventsPerRequest.toFixed(2)), eventsPerSecondAtSaturation: Math.round(eventsPerRequest * saturated(trail.target)) };
    }),
    throughputRatioVsPortkey: Object.fromEntries(toolgateTargets.map((target) => [target, Number((saturated(target) / portkey).toFixed(2))])),
    addedP50At16: Object.fromEntries([...toolgateTargets, "Portkey 1.15.2", plainProxyName].map((target) => [target, at16(target)])),
    // The same hop with no checks and no audit: how much of the 1 ms goal the HTTP hop alone takes on this machine.
    plainProxySaturatedThroughputVsPortkey: Number((saturated(plainProxyName) / portkey).toFixed(2)),
  };
  const verdicts = toolgateTargets.map((target) => {
    const ratio = summary.throughputRatioVsPortkey[target]!;
    const added = summary.addedP50At16[target];
    return `${target}: added p50 at 16 connections ${added?.toFixed(2)} ms (goal ≤ 1 ms: ${added !== undefined && added <= 1 ? "met" : "NOT met"}); saturated throughput ${ratio}x Portkey's (goal ≥ 3x: ${ratio >= 3 ? "met" : "NOT met"})`;
  });
  verdicts.push(`${plainProxyName}, the floor: added p50 at 16 connections ${summary.addedP50At16[plainProxyName]?.toFixed(2)} ms; saturated throughput ${summary.plainProxySaturatedThroughputVsPortkey}x Portkey's`);
  if (starved) verdicts.push(`WARNING: the machine was starved (direct reached ${Math.round(directReached)} of ${Math.round(directCeiling)} req/s at ${widest} connections): no verdict of this run holds; run it on a quiet machine`);
  if (json) {
    console.log(JSON.stringify({ ...summary, verdicts }, null, 2));
    return;
  }
  console.log(`bench:gateway — ${upstreamDelayMs} ms mock upstream, ${seconds} s per cell, toolgate with ${workers} workers, load ${summary.load.before.join(" ")} → ${summary.load.after.join(" ")}`);
  console.log(`${"target".padEnd(44)}conns   req/s    p50 ms  p99 ms  +p50 ms  +p99 ms  errors  cpu µs/req`);
  for (const row of rows) {
    console.log(
      `${row.target.padEnd(44)}${String(row.connections).padStart(5)}${row.rps.toFixed(0).padStart(8)}${row.p50.toFixed(2).padStart(10)}${row.p99.toFixed(2).padStart(8)}${row.addedP50.toFixed(2).padStart(9)}${row.addedP99.toFixed(2).padStart(9)}${String(row.errors).padStart(8)}${String(row.cpuUsPerRequest ?? "?").padStart(12)}`,
    );
  }
  for (const row of storeAlone) console.log(`audit store alone (SQLite, 16 appenders × 9-event appends, commits on the ${row.commits}): ${row.eventsPerSecond} events/s`);
  for (const trail of summary.audit) {
    console.log(
      `${trail.target}: ${trail.events} audit events for ${trail.recorded} recorded requests (${trail.requests} counted answered: ${trail.recorded >= trail.requests ? "all recorded" : "SOME MISSING"}; ${trail.eventsPerRequest} events per request; ${trail.eventsPerSecondAtSaturation} events/s at its saturated throughput), chain verifies: ${trail.verified}`,
    );
  }
  for (const verdict of verdicts) console.log(verdict);
}
