// Rows from either driver map to the chain's types with numbers as numbers and NULL callIds as null.
import { describe, expect, it } from "vitest";
import { eventRowFrom, headFrom } from "./sql-shape.js";

describe("sql row mapping", () => {
  it("turns pg's BIGINT strings into numbers and keeps a NULL callId null", () => {
    const row = eventRowFrom({ seq: "42", schemaVersion: 1, type: "run.started", traceId: "t", callId: null, at: "2026-01-01T00:00:00.000Z", atMs: "1767225600000", data: "{}", redacted: "[]", prevHash: "a", hash: "b" });
    expect(row).toEqual({ seq: 42, schemaVersion: 1, type: "run.started", traceId: "t", callId: null, at: "2026-01-01T00:00:00.000Z", atMs: 1767225600000, data: "{}", redacted: "[]", prevHash: "a", hash: "b" });
  });

  it("maps a head row, and no row to undefined", () => {
    expect(headFrom(undefined)).toBeUndefined();
    expect(headFrom({ headSeq: "7", headHash: "h", lastCheckpointSeq: "5", signedAt: "s", algorithm: "ed25519", keyId: "k", signature: "sig" })).toEqual({ headSeq: 7, headHash: "h", lastCheckpointSeq: 5, signedAt: "s", algorithm: "ed25519", keyId: "k", signature: "sig" });
  });
});
