// The canonical event text equals canonicalJson of the event, and each hash covers every field and the previous hash.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../record/index.js";
import type { PreparedEvent } from "./chain.js";
import { canonicalEventText, chainHash, genesisHash, linkEvent, linkedEvent, recomputeHash, rowToEvent } from "./chain.js";
import { auditSchemaVersion } from "./types.js";

const prepared: PreparedEvent = {
  type: "call.proposed",
  traceId: "trace-1",
  callId: "call-1",
  at: "2026-01-02T03:04:05.000Z",
  atMs: Date.parse("2026-01-02T03:04:05.000Z"),
  data: { name: "refund", arguments: { amount: 5 } },
  dataText: canonicalJson({ name: "refund", arguments: { amount: 5 } }),
  redacted: [],
};

describe("canonicalEventText", () => {
  it("equals canonicalJson of the event object for any field values", () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.nat(),
          schemaVersion: fc.nat(),
          type: fc.string(),
          traceId: fc.string(),
          callId: fc.option(fc.string(), { nil: undefined }),
          at: fc.string(),
          data: fc.jsonValue(),
          redacted: fc.array(fc.string()),
        }),
        (event) => {
          const text = canonicalEventText({ ...event, dataText: canonicalJson(event.data), redactedText: canonicalJson(event.redacted) });
          expect(text).toBe(canonicalJson(event));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("treats a stored NULL callId as absent", () => {
    const base = { seq: 1, schemaVersion: 1, type: "run.started", traceId: "t", at: "x", dataText: "{}", redactedText: "[]" };
    expect(canonicalEventText({ ...base, callId: null })).toBe(canonicalEventText(base));
    expect(canonicalEventText({ ...base, callId: "" })).not.toBe(canonicalEventText(base));
  });
});

describe("linkEvent", () => {
  it("hashes sha256(prevHash + newline + canonical event) as the contract says", () => {
    const row = linkEvent(prepared, 1, genesisHash);
    const expected = sha256Hex(
      `${genesisHash}\n${canonicalJson({ seq: 1, schemaVersion: auditSchemaVersion, type: prepared.type, traceId: "trace-1", callId: "call-1", at: prepared.at, data: { name: "refund", arguments: { amount: 5 } }, redacted: [] })}`,
    );
    expect(row.hash).toBe(expected);
    expect(row.prevHash).toBe(genesisHash);
    expect(recomputeHash(row)).toBe(row.hash);
  });

  it("changes the hash when any hashed field or the previous hash changes", () => {
    const row = linkEvent(prepared, 7, genesisHash);
    const variants = [
      { ...row, seq: 8 },
      { ...row, schemaVersion: 2 },
      { ...row, type: "call.executed" },
      { ...row, traceId: "trace-2" },
      { ...row, callId: null },
      { ...row, at: "2026-01-02T03:04:06.000Z" },
      { ...row, data: canonicalJson({ name: "refund", arguments: { amount: 6 } }) },
      { ...row, redacted: '["/x"]' },
      { ...row, prevHash: chainHash(genesisHash, "other") },
    ];
    for (const variant of variants) expect(recomputeHash(variant)).not.toBe(row.hash);
  });

  it("round-trips into the AuditEvent the store returns", () => {
    const row = linkEvent({ ...prepared, callId: undefined }, 3, genesisHash);
    const event = rowToEvent(row);
    expect(event).toEqual({
      seq: 3,
      schemaVersion: auditSchemaVersion,
      type: "call.proposed",
      traceId: "trace-1",
      at: prepared.at,
      data: { name: "refund", arguments: { amount: 5 } },
      redacted: [],
      prevHash: genesisHash,
      hash: row.hash,
    });
    expect("callId" in event).toBe(false);
    expect(linkedEvent({ ...prepared, callId: undefined }, row)).toEqual(event);
  });

  it("gives an event prepared without a data copy (nothing redacted) its data parsed from the stored text on first read: an ordinary field to readers", () => {
    const { data: _data, ...withoutData } = prepared;
    const row = linkEvent(withoutData, 4, genesisHash);
    const linked = linkedEvent(withoutData, row);
    expect(typeof Object.getOwnPropertyDescriptor(linked, "data")?.get).toBe("function");
    expect(linked).toEqual(rowToEvent(row));
    expect(JSON.parse(JSON.stringify(linked))).toEqual(rowToEvent(row));
    expect({ ...linked }.data).toEqual(prepared.data);
    expect(structuredClone(linked).data).toEqual(prepared.data);
    expect(linked.data).not.toBe(prepared.data);
    expect(linked.data).toBe(linked.data);
    linked.data = { replaced: true };
    expect(linked.data).toEqual({ replaced: true });
    expect(Object.getOwnPropertyDescriptor(linked, "data")).toMatchObject({ enumerable: true, writable: true });
    expect(Object.keys(linked)).toEqual(Object.keys(rowToEvent(row)));
    const frozen = Object.freeze(linkedEvent(withoutData, row));
    expect(frozen.data).toEqual(prepared.data);
  });
});
