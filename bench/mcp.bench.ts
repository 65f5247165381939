// bench:mcp — the gate's added latency on MCP tools/call, alternating rounds, one run: (1) the client bridge — the same
// loopback MCP server called directly by the SDK client vs through the bridge and the gate; (2) the server side — the SDK
// client calling toolgate's gated MCP server (`mcp serve`: same tool, same answer) vs the plain server.
import { loadavg } from "node:os";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { createGate } from "../src/gate/index.js";
import { connectMcpBridge, createGatedMcpServer, serveMcpHttp } from "../src/mcp/index.js";
import { defaultPolicy } from "../src/policy/index.js";
import { createToolRegistry } from "../src/tool/index.js";

const callsPerRound = Number(process.env.BENCH_MCP_CALLS ?? 200);
const rounds = Number(process.env.BENCH_MCP_ROUNDS ?? 6);

/** The external server: one read-only tool that echoes a record, as a lookup would. */
function echoServer(): Server {
  const server = new Server({ name: "echo", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [
      {
        name: "lookup",
        description: "Look a record up by id.",
        inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"], additionalProperties: false },
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, (request) => ({ content: [{ type: "text", text: JSON.stringify({ id: request.params.arguments?.id, name: "Maria Lopez", tier: "premier" }) }] }));
  return server;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const http = await serveMcpHttp(echoServer, { port: 0 });
const direct = new Client({ name: "bench-direct", version: "1" });
await direct.connect(new StreamableHTTPClientTransport(new URL(http.url)));
const bridge = await connectMcpBridge({ name: "echo", url: http.url }, { pinnedBy: "bench" });
const gate = createGate({ registry: bridge.registry, policy: bridge.policy(defaultPolicy()), rateLimits: [] });

// toolgate's own MCP server (what `mcp serve --http` runs) with the same tool answering the same record, in-process.
const local = createToolRegistry({
  tools: [
    {
      name: "lookup",
      description: "Look a record up by id.",
      area: "records",
      risk: "read",
      input: { type: "object", properties: { id: { type: "string" } }, required: ["id"], additionalProperties: false },
      execute: (args: unknown) => ({ id: (args as { id: string }).id, name: "Maria Lopez", tier: "premier" }),
    },
  ],
});
const serverGate = createGate({ registry: local, policy: defaultPolicy(), rateLimits: [], callCaps: false });
const gatedHttp = await serveMcpHttp(() => createGatedMcpServer({ registry: local, gate: serverGate }), { port: 0 });
const served = new Client({ name: "bench-served", version: "1" });
await served.connect(new StreamableHTTPClientTransport(new URL(gatedHttp.url)));

const timings = { direct: [] as number[], gated: [] as number[], served: [] as number[] };
// CPU time of this process per call (client, servers and gate all run here): what machine load inflates far less than wall time.
const cpuMs = { direct: 0, gated: 0, served: 0 };
let step = 0;
const signal = new AbortController().signal;
async function round(kind: "direct" | "gated" | "served") {
  const cpu = process.cpuUsage();
  for (let index = 0; index < callsPerRound; index += 1) {
    const id = `R-${index}`;
    const started = performance.now();
    if (kind === "direct") {
      await direct.callTool({ name: "lookup", arguments: { id } });
    } else if (kind === "served") {
      const result = await served.callTool({ name: "lookup", arguments: { id } });
      if (result.isError) throw new Error(`served call failed: ${JSON.stringify(result.content)}`);
    } else {
      step += 1;
      const record = await gate.handle({ id: `c${step}`, name: "lookup", arguments: JSON.stringify({ id }) }, { traceId: `bench-${step}`, step: 1, index: 0, signal });
      if (record.status !== "succeeded") throw new Error(`gated call failed: ${JSON.stringify(record.outcome)}`);
    }
    timings[kind].push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  cpuMs[kind] += (used.user + used.system) / 1000;
}
// Warm-up, then alternating rounds so drift in machine load hits both sides alike.
await round("direct");
await round("gated");
await round("served");
timings.direct.length = 0;
timings.gated.length = 0;
timings.served.length = 0;
cpuMs.direct = cpuMs.gated = cpuMs.served = 0;
const loadBefore = loadavg()[0]!;
const orders: Array<Array<"direct" | "gated" | "served">> = [["direct", "gated", "served"], ["served", "direct", "gated"], ["gated", "served", "direct"]];
for (let index = 0; index < rounds; index += 1) for (const kind of orders[index % orders.length]!) await round(kind);
const loadAfter = loadavg()[0]!;
await bridge.close();
await direct.close();
await served.close();
await http.close();
await gatedHttp.close();

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: values.reduce((a, b) => a + b, 0) / values.length };
};
const d = summary(timings.direct);
const g = summary(timings.gated);
const s = summary(timings.served);
const ms = (value: number) => value.toFixed(3);
console.log(`bench:mcp — ${timings.direct.length} calls each side over streamable HTTP on loopback, load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} (${process.version})`);
console.log(`| path | p50 ms | p95 ms | mean ms |`);
console.log(`|---|---|---|---|`);
console.log(`| SDK client → server (direct) | ${ms(d.p50)} | ${ms(d.p95)} | ${ms(d.mean)} |`);
console.log(`| bridge + gate → server | ${ms(g.p50)} | ${ms(g.p95)} | ${ms(g.mean)} |`);
console.log(`| SDK client → toolgate gated MCP server (mcp serve) | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.mean)} |`);
console.log(`bridge + gate / direct: p50 ${(g.p50 / d.p50).toFixed(2)}×, mean ${(g.mean / d.mean).toFixed(2)}× (added ${ms(g.p50 - d.p50)} ms at p50)`);
console.log(`gated server / direct: p50 ${(s.p50 / d.p50).toFixed(2)}×, mean ${(s.mean / d.mean).toFixed(2)}× (added ${ms(s.p50 - d.p50)} ms at p50)`);
const perCall = (kind: keyof typeof cpuMs) => cpuMs[kind] / timings[kind].length;
console.log(
  `CPU per call (this process: client, servers, gate): direct ${ms(perCall("direct"))} ms, bridge + gate ${ms(perCall("gated"))} ms (${(perCall("gated") / perCall("direct")).toFixed(2)}×), gated server ${ms(perCall("served"))} ms (${(perCall("served") / perCall("direct")).toFixed(2)}×)`,
);
