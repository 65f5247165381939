// Grant signatures and bindings: every field is signed, and each mismatch is refused with the reason named.
import { describe, expect, it } from "vitest";
import { createAuditSigner, generateAuditKeyPair } from "../../audit/index.js";
import { digestOf } from "../../record/index.js";
import { checkGrant, signGrant } from "./grant-signature.js";

const keys = generateAuditKeyPair();
const signer = createAuditSigner({ ed25519PrivateKeyPem: keys.privateKeyPem });
const callDigest = digestOf({ tool: "bank.transfer", arguments: { to: "bob", amount: 5 } });
const grant = signGrant(signer, {
  approvalId: "a1",
  traceId: "t1",
  decision: "approved",
  approver: "alice",
  decidedAt: "2026-01-01T00:00:00Z",
  requestedCallDigest: callDigest,
  boundTo: { callId: "c1", toolDigest: "sha256:tool", callDigest, policy: "policy-v1" },
});
const call = { traceId: "t1", callId: "c1", toolName: "bank.transfer", toolDigest: "sha256:tool", callDigest, policyVersion: "policy-v1" };

describe("approval grants", () => {
  it("accepts the grant for its own call under an Ed25519 key", () => {
    expect(checkGrant(grant, call, signer.verifier)).toEqual({ ok: true });
  });

  it("refuses a grant whose signed fields were edited (approver, binding)", () => {
    expect(checkGrant({ ...grant, approver: "mallory" }, call, signer.verifier)).toMatchObject({ ok: false, reason: expect.stringMatching(/no valid signature/) });
    const widened = { ...grant, boundTo: { ...grant.boundTo, callId: "c2" } };
    expect(checkGrant(widened, { ...call, callId: "c2" }, signer.verifier)).toMatchObject({ ok: false, reason: expect.stringMatching(/no valid signature/) });
  });

  it("refuses a grant made under another policy version", () => {
    expect(checkGrant(grant, { ...call, policyVersion: "policy-v2" }, signer.verifier)).toMatchObject({ ok: false, reason: expect.stringMatching(/granted under policy policy-v1, and the policy is now policy-v2/) });
  });

  it("refuses a denial however it is presented", () => {
    const denial = signGrant(signer, { ...grant, decision: "denied", reason: "no" });
    expect(checkGrant(denial, call, signer.verifier)).toMatchObject({ ok: false, reason: expect.stringMatching(/denied by alice: no/) });
  });
});
