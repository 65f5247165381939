// `toolgate capture list|prune` on a capture store `run --capture` wrote (loopback model, example catalog).
import { describe, expect, it } from "vitest";
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
