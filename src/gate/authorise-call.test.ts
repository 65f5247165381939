import { describe, expect, it } from "vitest";
import { approverFrom } from "../policy/approvers.js";
import type { PolicyInput } from "../policy/types.js";
import { checkPolicy, requestApproval } from "./authorise-call.js";

const input: PolicyInput = { traceId: "t", callId: "c", toolName: "refund", toolDigest: "sha256:d", area: "accounts", risk: "privileged", arguments: { amount: 5 }, callDigest: "sha256:call" };
const signal = new AbortController().signal;

describe("checkPolicy", () => {
  it("passes allow and require-approval decisions on, and turns a deny into a model-facing error", async () => {
    expect(await checkPolicy(() => ({ effect: "allow" }), input)).toEqual({ ok: true, decision: { effect: "allow" } });
    expect((await checkPolicy(() => ({ effect: "require-approval", reason: "money" }), input)).ok).toBe(true);
    expect(await checkPolicy(async () => ({ effect: "deny", reason: "after hours", ruleId: "hours" }), input)).toMatchObject({
      ok: false,
      error: { code: "policy_denied", message: "refund is not allowed here: after hours" },
    });
  });
});

describe("requestApproval", () => {
  const decision = { effect: "require-approval" as const, reason: "money", ruleId: "r1" };

  it("records who approved and the digest the approval binds to", async () => {
    const result = await requestApproval(approverFrom("alice", () => true), input, decision, signal);
    expect(result).toEqual({ ok: true, verdict: { stage: "approval", outcome: "approved", reason: "money", ruleId: "r1", detail: { approver: "alice", callDigest: "sha256:call" } } });
  });

  it("hands the approver the call, the reason and the rule", async () => {
    let seen: unknown;
    await requestApproval(approverFrom("bob", (request) => { seen = request; return false; }), input, decision, signal);
    expect(seen).toMatchObject({ toolName: "refund", arguments: { amount: 5 }, callDigest: "sha256:call", reason: "money", ruleId: "r1" });
  });

  it("refuses an approval granted for another call", async () => {
    const result = await requestApproval({ requestApproval: async () => ({ approved: true, approver: "eve", callDigest: "sha256:else" }) }, input, decision, signal);
    expect(result).toMatchObject({ ok: false, error: { code: "approval_denied" }, verdict: { outcome: "rejected" } });
  });
});
