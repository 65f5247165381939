// `toolgate audit export --since --type`: filtered exports from a real SQLite trail, as JSON Lines and as OTLP/JSON spans.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "./main.js";
import type { SeededRun } from "./test-support/audit-trail.js";
import { cliSigner, daysAgo, seedRuns } from "./test-support/audit-trail.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

async function cli(args: string[], cwd: string) {
  const io = capturedIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

type Line = { seq: number; type: string; traceId: string; at: string };
const lines = (out: string): Line[] => out.trimEnd().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Line);

/** Runs three, two and one day old (one find_customer call each), then the closing checkpoint (now). */
async function trail(): Promise<{ cwd: string; twoDaysAgo: Date; runs: SeededRun[]; closingSeq: number }> {
  const cwd = dirs.make();
  const url = `sqlite:${join(cwd, ".toolgate", "audit.db")}`;
  const twoDaysAgo = daysAgo(2);
  const seeded = await seedRuns(url, cwd, [{ traceId: "run-3d", at: daysAgo(3) }, { traceId: "run-2d", at: twoDaysAgo }, { traceId: "run-1d", at: daysAgo(1) }], { signer: cliSigner(url, cwd) });
  return { cwd, twoDaysAgo, ...seeded };
}

describe("toolgate audit export filters", () => {
  it("--type keeps only the named event types, repeated or comma-separated", async () => {
    const { cwd, runs, closingSeq } = await trail();
    const verdicts = await cli(["audit", "export", "--type", "call.verdict"], cwd);
    expect(verdicts).toMatchObject({ code: 0, err: "" });
    const stages = ["decode", "resolve", "validate", "policy", "execute", "guard"];
    const verdictLines = lines(verdicts.out) as Array<Line & { data: { stage: string } }>;
    expect(verdictLines.map((event) => `${event.traceId} ${event.data.stage}`)).toEqual(["run-3d", "run-2d", "run-1d"].flatMap((traceId) => stages.map((stage) => `${traceId} ${stage}`)));
    expect(new Set(verdictLines.map((event) => event.type))).toEqual(new Set(["call.verdict"]));

    const several = lines((await cli(["audit", "export", "--type", "run.started,run.finished", "--type", "checkpoint"], cwd)).out);
    expect(several.map((event) => event.type)).toEqual(["run.started", "run.finished", "run.started", "run.finished", "run.started", "run.finished", "checkpoint"]);
    // In chain order with seqs untouched, so each line can still be matched against the full chain.
    expect(several.map((event) => event.seq)).toEqual([...runs.flatMap((run) => [run.firstSeq, run.lastSeq]), closingSeq]);
  });

  it("--since keeps events at or after the time, and combines with --type and --trace", async () => {
    const { cwd, twoDaysAgo, runs, closingSeq } = await trail();
    const since = twoDaysAgo.toISOString();
    const recent = lines((await cli(["audit", "export", "--since", since], cwd)).out);
    expect(recent.map((event) => event.seq)).toEqual(Array.from({ length: closingSeq - runs[1]!.firstSeq + 1 }, (_, index) => runs[1]!.firstSeq + index));
    expect(recent.every((event) => Date.parse(event.at) >= twoDaysAgo.getTime())).toBe(true);
    expect(new Set(recent.map((event) => event.traceId))).toEqual(new Set(["run-2d", "run-1d", "toolgate:audit-store"]));

    const started = lines((await cli(["audit", "export", "--since", since, "--type", "run.started"], cwd)).out);
    expect(started.map((event) => event.traceId)).toEqual(["run-2d", "run-1d"]);
    const oneCall = lines((await cli(["audit", "export", "--trace", "run-2d", "--type", "call.executed"], cwd)).out);
    expect(oneCall.map((event) => [event.type, event.traceId])).toEqual([["call.executed", "run-2d"]]);

    const file = await cli(["audit", "export", "--since", since, "--type", "call.proposed", "--out", "proposed.jsonl"], cwd);
    expect(file.err).toBe("wrote 2 events to proposed.jsonl\n");
    expect(lines(readFileSync(join(cwd, "proposed.jsonl"), "utf8")).map((event) => event.traceId)).toEqual(["run-2d", "run-1d"]);
  });

  it("with --format otel, --since picks whole runs started since, and --type is refused", async () => {
    const { cwd, twoDaysAgo } = await trail();
    type Span = { name: string; attributes: Array<{ key: string; value: { stringValue?: string } }> };
    const spansOf = (out: string) =>
      (JSON.parse(out) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Span[] }> }> }).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const all = spansOf((await cli(["audit", "export", "--format", "otel"], cwd)).out);
    const recent = spansOf((await cli(["audit", "export", "--format", "otel", "--since", new Date(twoDaysAgo.getTime() - 60_000).toISOString()], cwd)).out);
    expect(all.filter((span) => span.name.startsWith("invoke_agent"))).toHaveLength(3);
    expect(recent.filter((span) => span.name.startsWith("invoke_agent"))).toHaveLength(2);
    // Each run keeps its tool span: the filter never cuts a run apart.
    expect(recent.filter((span) => span.name === "execute_tool find_customer")).toHaveLength(2);

    const refused = await cli(["audit", "export", "--format", "otel", "--type", "call.verdict"], cwd);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^toolgate: --type selects single events, but OpenTelemetry spans are built from whole runs; drop --type, or use --format jsonl$/m);
  });

  it("rejects an unknown event type and a time it cannot read, naming what it accepts", async () => {
    const { cwd } = await trail();
    const badType = await cli(["audit", "export", "--type", "call.approved"], cwd);
    expect(badType.code).toBe(2);
    expect(badType.err).toMatch(/^toolgate: option '--type <type>' argument 'call\.approved' is invalid\. call\.approved is not an event type; use one or more of run\.started, run\.finished, .*, e\.g\. --type call\.verdict/m);
    const badTime = await cli(["audit", "export", "--since", "last tuesday"], cwd);
    expect(badTime.code).toBe(2);
    expect(badTime.err).toMatch(/^toolgate: --since last tuesday: not a time; use ISO 8601, e\.g\. --since 2026-01-31T00:00:00Z$/m);
  });
});
