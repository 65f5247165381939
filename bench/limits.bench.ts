// bench:limits — the default limits measured: calls that run when a model proposes 1,000 in one step, and the output guard's peak memory on a 100 MB result (bounded serialiser vs serialise-then-cut, each in a fresh process).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runAgent } from "../src/agent/run-agent.js";
import { guardOutput } from "../src/gate/guard-output.js";
import { scriptedModel } from "../src/model/scripted.js";
import { approverFrom } from "../src/policy/approvers.js";
import { defaultPolicy } from "../src/policy/engine/default-policy.js";
import { createToolRegistry, defineTool } from "../src/tool/index.js";

const json = process.argv.includes("--json");
const megabytes = Number(process.env.BENCH_RESULT_MB ?? 100);
const capBytes = 64 * 1024;
const shapes = ["one-string", "rows"] as const;
const guards = ["bounded (toolgate)", "stringify-then-cut (before)"] as const;
type Shape = (typeof shapes)[number];
type Guard = (typeof guards)[number];

interface Measurement {
  shape: Shape;
  guard: Guard;
  resultMb: number;
  peakGrowthMb: number;
  ms: number;
  keptBytes: number;
}

/** What the guard did before: serialise everything, parse it back, encode it, and only then cut to the cap. */
function stringifyThenCut(value: unknown, maxBytes: number): number {
  const text = JSON.stringify(value) ?? "null";
  JSON.parse(text);
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= maxBytes) return bytes;
  return Buffer.from(text, "utf8").subarray(0, maxBytes).toString("utf8").length;
}

/** A flat 100 MB string (no rope for the guard to flatten), or ~100 MB of JSON as 100-byte rows. */
function build(shape: Shape, bytes: number): unknown {
  if (shape === "one-string") return { body: Buffer.alloc(bytes, "x").toString("latin1") };
  const rows: Array<{ id: number; name: string; note: string }> = [];
  const note = "n".repeat(60);
  for (let index = 0; rows.length * 100 < bytes; index++) rows.push({ id: index, name: `customer-${index}`, note });
  return { rows };
}

const kib = (line: string | undefined) => Number(/(\d+)\s*kB/.exec(line ?? "")?.[1] ?? Number.NaN);
const status = (field: string) => kib(readFileSync("/proc/self/status", "utf8").split("\n").find((line) => line.startsWith(`${field}:`)));

function child(shape: Shape, guard: Guard): void {
  const value = build(shape, megabytes * 1024 * 1024);
  (globalThis as { gc?: () => void }).gc?.();
  // Linux: writing 5 resets the peak-RSS mark (VmHWM), so what follows measures the guard alone, not building the value.
  writeFileSync("/proc/self/clear_refs", "5");
  const before = status("VmRSS");
  const started = performance.now();
  const keptBytes = guard === "bounded (toolgate)" ? (guardOutput("bench", value, { maxResultBytes: capBytes }) as { truncated?: { keptBytes: number } }).truncated?.keptBytes ?? -1 : stringifyThenCut(value, capBytes);
  const ms = performance.now() - started;
  const peak = status("VmHWM");
  const measurement: Measurement = { shape, guard, resultMb: megabytes, peakGrowthMb: Math.max(0, peak - before) / 1024, ms, keptBytes };
  process.stdout.write(JSON.stringify(measurement));
}

/** 1,000 send_email calls in one step, under the default policy with every approval granted: how many run. */
async function callCaps(): Promise<{ proposed: number; ran: number; refused: number; refusedBy: string[]; ms: number }> {
  let ran = 0;
  const sendEmail = defineTool({ name: "send_email", description: "Send.", area: "email", risk: "write", input: { type: "object" }, execute: () => ({ sent: ++ran }) });
  const calls = Array.from({ length: 1000 }, (_, index) => ({ name: "send_email", arguments: JSON.stringify({ to: `victim-${index}@example.test` }) }));
  const started = performance.now();
  const trace = await runAgent({ model: scriptedModel([{ toolCalls: calls }, "done"]), tools: createToolRegistry({ tools: [sendEmail] }), messages: [{ role: "user", content: "mail everyone" }], policy: defaultPolicy(), approver: approverFrom("rubber-stamp", () => true) });
  const refused = trace.calls.filter((call) => call.outcome.ok === false);
  return { proposed: trace.calls.length, ran, refused: refused.length, refusedBy: [...new Set(refused.map((call) => call.verdicts.at(-1)?.ruleId ?? "?"))], ms: performance.now() - started };
}

async function parent(): Promise<void> {
  const caps = await callCaps();
  const script = fileURLToPath(import.meta.url);
  const results: Measurement[] = [];
  for (const shape of shapes) {
    for (const guard of guards) {
      const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", script, "--child", shape, guard], { encoding: "utf8", maxBuffer: 1 << 20 });
      if (run.status !== 0) throw new Error(`child ${shape}/${guard} failed: ${run.stderr}`);
      results.push(JSON.parse(run.stdout) as Measurement);
    }
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ caps, capBytes, results }, null, 2)}\n`);
    return;
  }
  const [load1] = (readFileSync("/proc/loadavg", "utf8").split(" ") as string[]).map(Number);
  console.log(`bench:limits — load ${load1?.toFixed(2)} (1-minute average, 2 cores)`);
  console.log(`call caps: ${caps.proposed} send_email calls proposed in one step (default policy, every approval granted): ${caps.ran} ran, ${caps.refused} refused (${caps.refusedBy.join(", ")}) in ${caps.ms.toFixed(0)} ms`);
  console.log(`output guard: ${megabytes} MB result, cap ${capBytes / 1024} KiB, fresh process per row`);
  console.log("shape        guard                          peak growth (RSS)   ms      kept bytes");
  for (const row of results) {
    console.log(`${row.shape.padEnd(12)} ${row.guard.padEnd(30)} ${`${(row.peakGrowthMb * 1024).toFixed(0)} KiB`.padStart(17)}   ${row.ms.toFixed(0).padStart(5)}   ${row.keptBytes}`);
  }
  for (const shape of shapes) {
    const [bounded, before] = guards.map((guard) => results.find((row) => row.shape === shape && row.guard === guard)!);
    console.log(`${shape}: bounded peak growth ${(bounded!.peakGrowthMb * 1024).toFixed(0)} KiB = ${(bounded!.peakGrowthMb / (capBytes / 1024 / 1024)).toFixed(2)}× the cap (target ≤ 2×); before: ${before!.peakGrowthMb.toFixed(0)} MB`);
  }
}

const at = process.argv.indexOf("--child");
if (at >= 0) child(process.argv[at + 1] as Shape, process.argv[at + 2] as Guard);
else await parent();
