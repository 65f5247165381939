import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { allowAll } from "../allow-all.js";
import { loadPolicy } from "../engine/load-policy.js";
import type { PolicyInput } from "../types.js";
import { memoryCounterStore } from "./counter-store.js";
import { openCounterStore } from "./open-counter-store.js";
import { withLimits } from "./with-limits.js";

const input = (principal = "alice", args: PolicyInput["arguments"] = {}): PolicyInput => ({
  traceId: "t",
  callId: "c",
  toolName: "send",
  toolDigest: "d",
  area: "a",
  risk: "write",
  arguments: args,
  callDigest: "x",
  principal: { id: principal, tenant: "acme" },
});
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("withLimits", () => {
  it("counts calls per principal per window, names the limit and when it resets, and resets with the clock", async () => {
    let now = new Date("2025-01-01T00:00:10Z");
    const policy = withLimits(allowAll, { limits: [{ id: "calls-per-minute", max: 2, windowMs: 60_000, per: "principal", measure: "calls" }], clock: () => now });
    expect((await policy.evaluate(input())).effect).toBe("allow");
    expect((await policy.evaluate(input())).effect).toBe("allow");
    const denied = await policy.evaluate(input());
    expect(denied).toMatchObject({ effect: "deny", ruleId: "calls-per-minute" });
    expect(denied.reason).toBe("limit calls-per-minute reached: 2 of 2 calls per 1m used by principal alice; resets at 2025-01-01T00:01:00.000Z");
    expect((await policy.evaluate(input("bob"))).effect).toBe("allow");
    now = new Date("2025-01-01T00:01:00Z");
    expect((await policy.evaluate(input())).effect).toBe("allow");
  });

  it("budgets tokens and cost", async () => {
    const clock = () => new Date("2025-01-01T00:00:00Z");
    const tokens = withLimits(allowAll, { limits: [{ id: "tokens", max: 10, windowMs: 3_600_000, per: "tenant", measure: "tokens" }], clock });
    expect((await tokens.evaluate(input("a", { note: "x".repeat(20) }))).effect).toBe("allow");
    expect(await tokens.evaluate(input("b", { note: "x".repeat(20) }))).toMatchObject({ effect: "deny", reason: expect.stringContaining("of 10 tokens per 1h used by tenant acme") });
    const cost = loadPolicy({ default: "allow", rules: [{ id: "spend", effect: "rate-limit", limit: { max: 1, window: "1d", measure: "cost", cost: 0.4 } }] }, { clock });
    const effects = [];
    for (let i = 0; i < 3; i++) effects.push((await cost.evaluate(input())).effect);
    expect(effects).toEqual(["allow", "allow", "deny"]);
  });

  it("keeps counts in SQLite across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-limits-"));
    dirs.push(dir);
    const file = join(dir, "limits.db");
    const clock = () => new Date("2025-01-01T00:00:00Z");
    const limits = [{ id: "daily", max: 2, windowMs: 86_400_000, per: "principal" as const, measure: "calls" as const }];
    const first = await openCounterStore(`sqlite:${file}`);
    const before = withLimits(allowAll, { limits, counters: first, clock });
    await before.evaluate(input());
    await before.evaluate(input());
    await first.close();
    const second = await openCounterStore(`sqlite:${file}`);
    try {
      const after = withLimits(allowAll, { limits, counters: second, clock });
      expect(await after.evaluate(input())).toMatchObject({ effect: "deny", ruleId: "daily", reason: expect.stringContaining("resets at 2025-01-02T00:00:00.000Z") });
    } finally {
      await second.close();
    }
  });

  it("never counts a call the wrapped policy denied", async () => {
    const counters = memoryCounterStore();
    const deny = withLimits({ evaluate: () => ({ effect: "deny", reason: "no" }) }, { limits: [{ id: "l", max: 1, windowMs: 1000, per: "global", measure: "calls" }], counters, clock: () => new Date(0) });
    await deny.evaluate(input());
    expect(counters.take({ key: "l|global:*", amount: 1, max: 1, windowStartMs: 0 })).toEqual({ allowed: true, used: 1 });
  });
});
