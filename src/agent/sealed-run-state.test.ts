// Sealed run states: nothing of the conversation in clear, and any change, another trace or another key refused with the reason.
import { describe, expect, it } from "vitest";
import { createAuditSigner } from "../audit/index.js";
import type { Trace } from "../record/index.js";
import type { RunState } from "./run-state.js";
import { RunStateError } from "./run-state.js";
import { runStateKeyFrom, sealRunState, unsealRunState } from "./sealed-run-state.js";

const key = runStateKeyFrom(createAuditSigner({ hmacSecret: "sealed-run-state-test-key-0123456789" }));
const state: RunState = {
  version: 2,
  traceId: "trace-1",
  step: 1,
  optionsDigest: "sha256:0",
  defences: { policy: "sha256:1", taint: true, spotlighting: null },
  messages: [{ role: "user", content: "change maria.lopez@example.com's phone to +34 612 345 678" }],
  pending: [{ index: 0, callId: "g1", approvalId: "a1", proposed: { id: "m1", name: "update_phone", arguments: '{"email":"maria.lopez@example.com","phone":"+34 612 345 678"}' } }],
  trace: { id: "trace-1", calls: [] } as unknown as Trace,
};

describe("sealed run state", () => {
  it("keeps no e-mail or phone in clear and opens to the same state", () => {
    const sealed = sealRunState(state, key);
    const text = JSON.stringify(sealed);
    expect(text).not.toMatch(/maria|612|example\.com/);
    expect(sealed).toMatchObject({ sealed: "aes-256-gcm", traceId: "trace-1", keyId: key.id });
    expect(unsealRunState(JSON.parse(text), key, "trace-1")).toEqual(state);
  });

  it("refuses an edited state, one moved under another trace, another key, and a state in clear", () => {
    const sealed = sealRunState(state, key);
    const data = Buffer.from(sealed.data, "base64");
    data[5] = data[5]! ^ 1;
    expect(() => unsealRunState({ ...sealed, data: data.toString("base64") }, key, "trace-1")).toThrow(/does not authenticate/);
    expect(() => unsealRunState(sealed, key, "trace-2")).toThrow(/does not authenticate/);
    const other = runStateKeyFrom(createAuditSigner({ hmacSecret: "another-deployment-key-0123456789" }));
    expect(() => unsealRunState(sealed, other, "trace-1")).toThrow(/another deployment key/);
    expect(() => unsealRunState(state, key, "trace-1")).toThrow(RunStateError);
  });
});
