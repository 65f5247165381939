// `eval run --capture --audit` → `dataset import --format trace --eval-passed`: only runs of passing cases become rows.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../dataset/index.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;

const weatherTool = `{ name: get_weather, description: Current weather for a city., parameters: { type: object, properties: { city: { type: string }, unit: { type: string, enum: [c, f] } }, required: [city] } }`;
const casesYaml = `- id: paris
  category: weather
  messages: [{ role: user, content: "Weather in Paris, in celsius?" }]
  tools: [${weatherTool}]
  expect:
    calls: [{ get_weather: { city: ["Paris"], unit: ["c", ""] } }]
- id: berlin
  category: weather
  messages: [{ role: user, content: "Weather in Berlin?" }]
  tools: [${weatherTool}]
  expect:
    calls: [{ get_weather: { city: ["Berlin"], unit: [""] } }]
- id: hello
  category: chit-chat
  messages: [{ role: user, content: "hello" }]
  tools: [${weatherTool}]
  expect: { no_call: true }
`;

describe("toolgate eval run --capture", () => {
  it("captures each case run with its verdict, and the trace importer keeps only the passing cases with --eval-passed", { timeout: 120_000 }, async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "cases.yaml"), casesYaml);
    // Paris right, Berlin with a unit nobody asked for (fails), hello answered in words (passes).
    loopback.server.script([
      { toolCalls: [{ name: "get_weather", arguments: { city: "Paris", unit: "c" } }] },
      { toolCalls: [{ name: "get_weather", arguments: { city: "Berlin", unit: "f" } }] },
      { text: "Hello! Ask me about the weather." },
    ]);
    const stores = ["--capture", "sqlite:capture.db", "--audit", "sqlite:audit.db"];
    const evaluated = await cli(["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--concurrency", "1", "--out", "out", "--no-cache", ...stores], cwd);
    expect(evaluated.err).toMatch(/3\/3 · 2 passed · 1 failed/);

    const listed = JSON.parse((await cli(["capture", "list", "--capture", "sqlite:capture.db", "--json"], cwd)).out) as Array<{ source: string; evalCase?: { id: string; passed: boolean } }>;
    expect(listed.map((run) => run.evalCase).sort((a, b) => a!.id.localeCompare(b!.id))).toEqual([
      { id: "berlin", passed: false },
      { id: "hello", passed: true },
      { id: "paris", passed: true },
    ]);
    expect(new Set(listed.map((run) => run.source))).toEqual(new Set(["eval"]));

    const imported = await cli(["dataset", "import", "--format", "trace", ...stores, "--eval-passed", "-o", "rows.jsonl", "--json"], cwd);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)[0]).toMatchObject({ imported: 2, rejected: 1, rejectedByKind: { "eval-not-passed": 1 } });
    const rows = readFileSync(join(cwd, "rows.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as DatasetRecord);
    expect(rows.map((row) => (row.meta.extra?.evalCase as { id: string }).id).sort()).toEqual(["hello", "paris"]);
    const paris = rows.find((row) => (row.meta.extra?.evalCase as { id: string }).id === "paris")!;
    expect(paris.tools.map((tool) => tool.function.name)).toEqual(["get_weather"]);
    expect(paris.messages.find((message) => message.role === "assistant")).toMatchObject({ tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris", unit: "c" } } }] });
    // The case allowed one step: the row ends at the call turn, and says so.
    expect(paris.messages.at(-1)).toMatchObject({ role: "assistant", tool_calls: [{ function: { name: "get_weather" } }] });
    expect(paris.meta.repairs).toEqual([expect.objectContaining({ kind: "trailing-results-dropped" })]);
    const verified = await cli(["dataset", "verify", join(cwd, "rows.jsonl")], cwd);
    expect(verified.code, verified.out + verified.err).toBe(0);
  });

  it("works with the result cache: a case comes from the cache only when this capture store already holds its run", { timeout: 120_000 }, async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "cases.yaml"), casesYaml);
    const answers = [
      { toolCalls: [{ name: "get_weather", arguments: { city: "Paris", unit: "c" } }] },
      { toolCalls: [{ name: "get_weather", arguments: { city: "Berlin" } }] },
      { text: "Hello! Ask me about the weather." },
    ];
    const run = (capture: string) => cli(["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--concurrency", "1", "--out", "out", "--capture", capture, "--audit", "sqlite:audit.db"], cwd);
    const evalCases = async (capture: string) => (JSON.parse((await cli(["capture", "list", "--capture", capture, "--json"], cwd)).out) as Array<{ evalCase?: { id: string } }>).map((trace) => trace.evalCase?.id).sort();

    // First run, cache on (no --no-cache): every case runs and is captured.
    loopback.server.script(answers);
    const first = await run("sqlite:first.db");
    expect(first.code, first.err).toBe(0);
    expect(first.err).not.toMatch(/no-cache/);
    expect(await evalCases("sqlite:first.db")).toEqual(["berlin", "hello", "paris"]);
    const asked = loopback.server.received.length;

    // Again into the same store: every case is cached and its run already captured, so the model is asked nothing.
    const again = await run("sqlite:first.db");
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, "out", "report.json"), "utf8")).cached).toBe(3);
    expect(loopback.server.received.length).toBe(asked);
    expect(await evalCases("sqlite:first.db")).toEqual(["berlin", "hello", "paris"]);

    // Into a new store: the cache holds the results but not the runs, so every case runs again and is captured there.
    loopback.server.script(answers);
    const fresh = await run("sqlite:second.db");
    expect(fresh.code, fresh.err).toBe(0);
    expect(loopback.server.received.length).toBeGreaterThan(asked);
    expect(await evalCases("sqlite:second.db")).toEqual(["berlin", "hello", "paris"]);
  });

  it("--capture without --audit is a usage error that says why", { timeout: 60_000 }, async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "cases.yaml"), casesYaml);
    const result = await cli(["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--capture", "sqlite:capture.db"], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--capture on eval run needs --audit <url> too/);
    const multiTurn = await cli(["eval", "run", "--suite", "bfcl:multi_turn_base", "--data", cwd, "--model", loopback.server.modelSpec, "--capture", "sqlite:capture.db", "--audit", "sqlite:audit.db"], cwd);
    expect(multiTurn.code).toBe(2);
    expect(multiTurn.err).toMatch(/--capture records case files and single-turn BFCL categories, not multi_turn_base; import its ground truth instead/);
  });
});
