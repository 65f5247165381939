// bench:startup — the built CLI's whole-process start (`--version`, `--help`, `audit list`) beside bare `node -e 0`, alternating in the same run; TOOLGATE_BASELINE_BIN adds an older build's bin as a third column.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfStale } from "../scripts/build-if-stale.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
const baselineBin = process.env.TOOLGATE_BASELINE_BIN;
const json = process.argv.includes("--json");

buildIfStale(root, { log: (line) => process.stderr.write(`${line}\n`) });
const cwd = mkdtempSync(join(tmpdir(), "toolgate-startup-"));

/** Wall milliseconds of one whole process, from spawn to exit; a failed run is an error, not a figure. */
function wallMs(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, TOOLGATE_HOME: join(cwd, ".toolgate") }, stdio: "ignore" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const bin = join(root, "bin", "toolgate.js");
// `audit list` needs a trail to read: one recorded (failed) run creates it.
spawnSync(process.execPath, [bin, "run", "hi", "--model", "openai-compatible:http://127.0.0.1:9/v1#none"], { cwd, env: { ...process.env, TOOLGATE_HOME: join(cwd, ".toolgate") }, stdio: "ignore" });
const commands = [["--version"], ["--help"], ["audit", "list", "--limit", "1"]];
const rows = [];
for (const args of commands) {
  const samples = { toolgate: [] as number[], node: [] as number[], baseline: [] as number[] };
  // Alternating, one warm-up each: a load spike on the shared machine lands on every column alike.
  for (let run = -1; run < runs; run++) {
    const toolgate = wallMs([bin, ...args]);
    const node = wallMs(["-e", "0"]);
    const baseline = baselineBin ? wallMs([baselineBin, ...args]) : Number.NaN;
    if (run < 0) continue;
    samples.toolgate.push(toolgate);
    samples.node.push(node);
    if (baselineBin) samples.baseline.push(baseline);
  }
  rows.push({
    command: `toolgate ${args.join(" ")}`,
    medianMs: median(samples.toolgate),
    nodeMedianMs: median(samples.node),
    overNode: median(samples.toolgate) / median(samples.node),
    ...(baselineBin ? { baselineMedianMs: median(samples.baseline), vsBaseline: median(samples.toolgate) / median(samples.baseline) } : {}),
  });
}
rmSync(cwd, { recursive: true, force: true });

const load = loadavg()[0]!.toFixed(1);
if (json) console.log(JSON.stringify({ runs, load, rows }, null, 2));
else {
  console.log(`whole-process wall time, median of ${runs} alternating runs, load average ${load}`);
  for (const row of rows) {
    const baseline = "baselineMedianMs" in row ? ` · baseline ${row.baselineMedianMs!.toFixed(0)} ms (×${row.vsBaseline!.toFixed(3)})` : "";
    console.log(`${row.command.padEnd(34)} ${row.medianMs.toFixed(0).padStart(5)} ms · node -e 0 ${row.nodeMedianMs.toFixed(0).padStart(4)} ms (×${row.overNode.toFixed(2)})${baseline}`);
  }
}
