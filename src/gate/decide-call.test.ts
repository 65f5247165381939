// decideCall: the gate's decision stages alone — the same verdicts the gate reaches, principal and taint on the record, nothing run.
import { describe, expect, it } from "vitest";
import { allowAll } from "../policy/allow-all.js";
import type { Policy } from "../policy/types.js";
import type { CallRecord } from "../record/index.js";
import { testTools } from "../test-support/tools.js";
import { decideCall } from "./decide-call.js";
import { createGate } from "./gate.js";

function blankRecord(name: string, args: string): CallRecord {
  return {
    id: "gate-1", traceId: "t", step: 2, index: 0, proposed: { id: "m-1", name, arguments: args },
    repairs: [], verdicts: [], effects: [], outcome: { ok: true, result: null }, status: "rejected", startedAt: "2026-12-07T00:00:00Z", durationMs: 0,
  };
}

const financeOnly: Policy = {
  evaluate: (input) =>
    input.risk !== "privileged" ? { effect: "allow" }
      : input.principal?.roles?.includes("finance") ? { effect: "require-approval", reason: "money moves", ruleId: "finance-asks" }
        : { effect: "deny", reason: "only finance moves money", ruleId: "finance-only" },
};

describe("decideCall", () => {
  it("reaches the gate's own verdicts and keeps principal and taint on the record, without running the tool", async () => {
    const { registry, executed } = testTools();
    const taint = [{ path: "/to", sources: [{ callId: "c0", toolName: "read_mail", match: "exact" as const }] }];
    const record = blankRecord("bank_transfer", '{"to":"acct-9","amount":5}');
    const decided = await decideCall(record, { registry, policy: financeOnly, principal: { id: "ann", roles: ["finance"] }, taintOf: () => taint });
    expect(decided).toMatchObject({ ok: true, decision: { effect: "require-approval", ruleId: "finance-asks" } });
    expect(record).toMatchObject({ toolName: "bank.transfer", principal: { id: "ann", roles: ["finance"] }, taint, arguments: { to: "acct-9", amount: 5 } });
    expect(record.verdicts.map((verdict) => `${verdict.stage}:${verdict.outcome}`)).toEqual(["decode:pass", "resolve:pass", "validate:pass", "policy:approval-required"]);
    expect(executed).toEqual([]);

    // The gate, handed the same call, records the same decision stages before it goes on to approval.
    const gated = await createGate({ registry, policy: financeOnly }).handle(record.proposed, { traceId: "t", step: 2, index: 0, signal: new AbortController().signal, principal: { id: "ann", roles: ["finance"] }, taintOf: () => taint });
    expect(gated.verdicts.slice(0, 4).map((verdict) => [verdict.stage, verdict.outcome, verdict.ruleId])).toEqual(record.verdicts.map((verdict) => [verdict.stage, verdict.outcome, verdict.ruleId]));
    expect(gated.principal).toEqual({ id: "ann", roles: ["finance"] });
  });

  it("refuses at the first failing stage, and feeds the policy only taint the user did not type", async () => {
    const { registry } = testTools();
    const unknown = blankRecord("wire_money", "{}");
    expect(await decideCall(unknown, { registry, policy: financeOnly })).toMatchObject({ ok: false, stage: "resolve", error: { code: "unknown_tool" } });
    const denied = blankRecord("bank_transfer", '{"to":"acct-9","amount":5}');
    expect(await decideCall(denied, { registry, policy: financeOnly, principal: { id: "bob" } })).toMatchObject({ ok: false, stage: "policy", error: { code: "policy_denied" } });
    expect(denied.verdicts.at(-1)).toMatchObject({ stage: "policy", outcome: "deny", ruleId: "finance-only" });

    const seen: unknown[] = [];
    const spy: Policy = { evaluate: (input) => (seen.push(input.taint), { effect: "allow" }) };
    const endorsed = [{ path: "/city", sources: [{ callId: "c0", toolName: "read_mail", match: "exact" as const }], endorsedByUser: true as const }];
    await decideCall(blankRecord("get_weather", '{"city":"Paris"}'), { registry, policy: spy, taintOf: () => endorsed });
    expect(seen).toEqual([undefined]);
  });

  it("decides on kept decoded arguments and skips validation the record cannot settle (replay of redacted calls)", async () => {
    const { registry } = testTools();
    const record = blankRecord("get_weather", "");
    const decided = await decideCall(record, { registry, policy: allowAll, decodedArguments: { city: "" }, unverifiable: (error) => (error.path === "/city" ? "redacted field /city" : undefined) });
    expect(decided.ok).toBe(true);
    expect(record.verdicts.map((verdict) => `${verdict.stage}:${verdict.outcome}`)).toEqual(["decode:pass", "resolve:pass", "validate:skipped", "policy:pass"]);
  });
});
