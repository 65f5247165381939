// `toolgate capture list|prune` on a capture store `run --capture` wrote (loopback model, example catalog).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;

describe("toolgate capture", () => {
  it("lists captured runs and prunes them by age, leaving the audit trail alone", { timeout: 120_000 }, async () => {
    const cwd = dirs.make();
    loopback.server.script([{ text: "Hello there." }]);
    expect((await cli(["run", "hi", "--model", loopback.server.modelSpec, "--capture", "sqlite:capture.db", "--audit", "sqlite:audit.db"], cwd)).code).toBe(0);

    const listed = await cli(["capture", "list", "--capture", "sqlite:capture.db", "--json"], cwd);
    expect(listed.code).toBe(0);
    const runs = JSON.parse(listed.out) as Array<{ traceId: string; source: string; messages: number }>;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ source: "run", messages: 3 });

    // The run is seconds old: a 1-day cutoff keeps it, a cutoff of now removes it.
    const kept = await cli(["capture", "prune", "--capture", "sqlite:capture.db", "--older-than", "1d", "--json"], cwd);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.out)).toMatchObject({ removed: 0 });
    const pruned = await cli(["capture", "prune", "--capture", "sqlite:capture.db", "--before", new Date().toISOString()], cwd);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toMatch(/^removed 1 captured run started before /);
    expect(JSON.parse((await cli(["capture", "list", "--capture", "sqlite:capture.db", "--json"], cwd)).out)).toEqual([]);
    const trail = await cli(["audit", "list", "--audit", "sqlite:audit.db", "--json"], cwd);
    expect(trail.out).toContain(runs[0]!.traceId);
  });

  it("chat --capture keeps every turn as its own run, each with the conversation so far", { timeout: 120_000 }, async () => {
    const cwd = dirs.make();
    loopback.server.script([{ text: "Hi! How can I help?" }, { toolCalls: [{ name: "find_customer", arguments: { name: "Lopez" } }] }, { text: "Found you, Maria." }]);
    const io = capturedIo({ cwd, input: "hello\nI am Maria Lopez\n/exit\n" });
    expect(await main(["chat", "--model", loopback.server.modelSpec, "--capture", "sqlite:capture.db", "--audit", "sqlite:audit.db"], io)).toBe(0);
    const runs = JSON.parse((await cli(["capture", "list", "--capture", "sqlite:capture.db", "--json"], cwd)).out) as Array<{ source: string; messages: number; traceId: string }>;
    expect(runs.map((run) => [run.source, run.messages])).toEqual([
      ["chat", 3], // system, hello, answer
      ["chat", 7], // … + user, call, result, answer
    ]);
    expect(new Set(runs.map((run) => run.traceId)).size).toBe(2);
    // The second turn continues the first one's conversation, so their rows stay in one split.
    expect((runs[1] as { conversationId?: string }).conversationId).toBe(runs[0]!.traceId);
    expect((runs[0] as { conversationId?: string }).conversationId).toBeUndefined();
  });

  it("capture: in toolgate.yaml is a store path relative to the file, as the other stores are", { timeout: 120_000 }, async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "toolgate.yaml"), "capture: sqlite:state/capture.db\naudit: sqlite:state/audit.db\n");
    loopback.server.script([{ text: "Hello." }]);
    const ran = await cli(["run", "hi", "--config", join(cwd, "toolgate.yaml"), "--model", loopback.server.modelSpec], dirs.make());
    expect(ran.code, ran.err).toBe(0);
    const runs = JSON.parse((await cli(["capture", "list", "--capture", `sqlite:${join(cwd, "state", "capture.db")}`, "--json"], cwd)).out) as unknown[];
    expect(runs).toHaveLength(1);
  });

  it("prune without a cutoff, with a future one, or on a missing store is a usage error", { timeout: 60_000 }, async () => {
    const neither = await cli(["capture", "prune", "--capture", "sqlite:capture.db"]);
    expect(neither.code).toBe(2);
    expect(neither.err).toMatch(/exactly one of --older-than <age> .* and --before <date>/);
    const future = await cli(["capture", "prune", "--capture", "sqlite:capture.db", "--before", "2999-01-01T00:00:00Z"]);
    expect(future.code).toBe(2);
    expect(future.err).toMatch(/is in the future/);
    const missing = await cli(["capture", "list", "--capture", "sqlite:missing.db"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--capture: .*capture store/);
  });
});
