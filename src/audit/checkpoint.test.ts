// Checkpoints and head records verify only for the head they name, under a trusted key, and never stand in for each other.
import { describe, expect, it } from "vitest";
import { checkpointProblem, checkpointStatement, headStatement, signCheckpoint, signHead, signedHeadProblem } from "./checkpoint.js";
import { createAuditSigner, generateAuditKeyPair } from "./signer.js";

const signer = createAuditSigner({ ed25519PrivateKeyPem: generateAuditKeyPair().privateKeyPem });
const stranger = createAuditSigner({ hmacSecret: "a-different-secret-key" });
const head = { seq: 41, hash: "ab".repeat(32) };

describe("checkpoints", () => {
  it("verify for the head they were signed over", () => {
    const data = signCheckpoint(signer, head, "2026-01-01T00:00:00.000Z");
    expect(data).toMatchObject({ headSeq: 41, headHash: head.hash, algorithm: "ed25519", keyId: signer.keyId });
    expect(checkpointProblem(data, head, signer.verifier)).toBeUndefined();
  });

  it("name what is wrong: another head, an untrusted key, an edited field, a missing field", () => {
    const data = signCheckpoint(signer, head, "2026-01-01T00:00:00.000Z");
    expect(checkpointProblem(data, { seq: 40, hash: head.hash }, signer.verifier)).toMatch(/vouches for seq 41 .* but follows seq 40/);
    expect(checkpointProblem(signCheckpoint(stranger, head, data.signedAt), head, signer.verifier)).toMatch(/signed by hmac:.*not a trusted key/);
    expect(checkpointProblem({ ...data, signedAt: "2026-01-02T00:00:00.000Z" }, head, signer.verifier)).toMatch(/signature by ed25519:.* does not verify/);
    expect(checkpointProblem({ headSeq: 41 }, head, signer.verifier)).toMatch(/lacks/);
    expect(checkpointProblem([], head, signer.verifier)).toMatch(/not a checkpoint object/);
  });
});

describe("head records", () => {
  it("verify when untouched and fail when any signed field changes", () => {
    const record = signHead(signer, { ...head, lastCheckpointSeq: 30 }, "2026-01-01T00:00:00.000Z");
    expect(signedHeadProblem(record, signer.verifier)).toBeUndefined();
    expect(signedHeadProblem({ ...record, headSeq: 40 }, signer.verifier)).toMatch(/does not verify/);
    expect(signedHeadProblem({ ...record, lastCheckpointSeq: 0 }, signer.verifier)).toMatch(/does not verify/);
    expect(signedHeadProblem(signHead(stranger, { ...head, lastCheckpointSeq: 30 }, record.signedAt), signer.verifier)).toMatch(/not a trusted key/);
  });

  it("use a statement a checkpoint signature cannot satisfy", () => {
    const checkpoint = signCheckpoint(signer, head, "2026-01-01T00:00:00.000Z");
    const fields = { headSeq: 41, headHash: head.hash, signedAt: checkpoint.signedAt, algorithm: "ed25519", keyId: signer.keyId };
    expect(checkpointStatement(fields)).not.toBe(headStatement({ ...fields, lastCheckpointSeq: 41 }));
    const replayed = { ...fields, lastCheckpointSeq: 41, signature: checkpoint.signature };
    expect(signedHeadProblem(replayed, signer.verifier)).toMatch(/does not verify/);
  });
});
