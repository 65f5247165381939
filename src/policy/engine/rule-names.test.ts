// Issue 11 §6: a rule written with the model-facing name (`billing_*`) decides the call everywhere a rule is evaluated.
import { describe, expect, it } from "vitest";
import { runAgent } from "../../agent/run-agent.js";
import type { TempAuditStore } from "../../audit/test-support/recorded-runs.js";
import { recordScriptedRun, tempAuditStore } from "../../audit/test-support/recorded-runs.js";
import { recordedCalls } from "../../audit/index.js";
import { replayCalls } from "../../gate/index.js";
import { scriptedModel } from "../../model/scripted.js";
import { createToolRegistry, defineTool } from "../../tool/index.js";
import { approverFrom } from "../approvers.js";
import { loadPolicy } from "./load-policy.js";
import { findUnmatchedToolPatterns } from "./unmatched-tool-patterns.js";

const clock = () => new Date("2026-12-07T00:00:00Z");

function billing() {
  const refunds: unknown[] = [];
  const refund = defineTool({
    name: "billing.refund",
    description: "Refund a customer.",
    area: "billing",
    risk: "write",
    input: { type: "object", properties: { customer: { type: "string" }, cents: { type: "integer" } }, required: ["customer", "cents"] },
    execute: (args: { customer: string; cents: number }) => {
      refunds.push(args);
      return { refunded: args.cents };
    },
  });
  const lookup = defineTool({ name: "billing.lookup", description: "Look a bill up.", area: "billing", risk: "read", input: { type: "object" }, execute: () => ({ due: 5 }) });
  return { refunds, registry: createToolRegistry({ tools: [refund, lookup] }) };
}

const denyByProviderName = { default: "allow" as const, rules: [{ id: "no-refunds", tool: "billing_refund*", effect: "deny" as const, reason: "refunds are frozen" }] };
const refundCall = { toolCalls: [{ name: "billing_refund", arguments: '{"customer":"C-1","cents":1250}' }] };

describe("rules match canonical and provider-facing names alike", () => {
  it("the exact repro: `billing_*` deny stops billing.refund in a run (it used to execute)", async () => {
    const { refunds, registry } = billing();
    const policy = loadPolicy({ default: "allow", rules: [{ id: "no-billing", tool: "billing_*", effect: "deny", reason: "billing is frozen" }] }, { clock });
    const trace = await runAgent({ model: scriptedModel([refundCall, "done"]), tools: registry, messages: [{ role: "user", content: "refund" }], policy });
    expect(refunds).toEqual([]);
    expect(trace.calls[0]).toMatchObject({ toolName: "billing.refund", status: "rejected", outcome: { ok: false, error: { code: "policy_denied" } } });
    expect(trace.calls[0]!.verdicts.find((verdict) => verdict.stage === "policy")).toMatchObject({ outcome: "deny", ruleId: "no-billing" });
  });

  it("decides the same by either name, for exact names and globs, with or without the registry's provider name", async () => {
    const canonical = loadPolicy({ default: "allow", rules: [{ id: "c", tool: "billing.refund", effect: "deny", reason: "no" }] }, { clock });
    const provider = loadPolicy({ default: "allow", rules: [{ id: "p", tool: ["x", "billing_refund"], effect: "deny", reason: "no" }] }, { clock });
    const base = { traceId: "t", callId: "c", toolDigest: "d", area: "billing", risk: "write" as const, arguments: {}, callDigest: "x" };
    for (const policy of [canonical, provider]) {
      expect(await policy.evaluate({ ...base, toolName: "billing.refund", providerName: "billing_refund" })).toMatchObject({ effect: "deny" });
      // Without providerName the engine derives the registry's spelling.
      expect(await policy.evaluate({ ...base, toolName: "billing.refund" })).toMatchObject({ effect: "deny" });
      expect(await policy.evaluate({ ...base, toolName: "billing.lookup", providerName: "billing_lookup" })).toMatchObject({ effect: "allow" });
    }
    // A collision suffix the registry chose is honoured when the gate passes it.
    expect(await provider.evaluate({ ...base, toolName: "billing.refund", providerName: "billing_refund_2" })).toMatchObject({ effect: "allow" });
  });

  it("replay re-decides with the provider-name rule too", async () => {
    const temp: TempAuditStore = await tempAuditStore();
    try {
      const { refunds, registry } = billing();
      const { events } = await recordScriptedRun(temp.store, registry, [refundCall, "done"], { approver: approverFrom("alice", () => true) });
      expect(refunds).toHaveLength(1);
      const recorded = recordedCalls(events);
      const report = await replayCalls(recorded.traceId, recorded.calls, { registry, policy: loadPolicy(denyByProviderName, { clock }) });
      expect(report.calls[0]!.today).toMatchObject({ decision: { kind: "refused", stage: "policy", ruleId: "no-refunds" } });
      expect(refunds).toHaveLength(1);
    } finally {
      await temp.remove();
    }
  });

  it("flags tool patterns that match no tool by either name", () => {
    const { registry } = billing();
    const policy = loadPolicy(
      { rules: [
        { id: "ok-provider", tool: "billing_*", effect: "deny", reason: "r" },
        { id: "ok-canonical", tool: "billing.lookup", effect: "allow" },
        { id: "typo", tool: ["billing.lookup", "biling_refund"], effect: "deny", reason: "r" },
        { id: "no-tool", tool: "payments.*", effect: "allow" },
      ] },
      { clock },
    );
    expect(findUnmatchedToolPatterns(policy.rules, registry.tools)).toEqual([
      { ruleId: "typo", path: ["rules", 2, "tool", 1], pattern: "biling_refund" },
      { ruleId: "no-tool", path: ["rules", 3, "tool"], pattern: "payments.*" },
    ]);
  });
});
