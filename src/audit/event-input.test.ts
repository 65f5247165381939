// Inputs are validated with the field and the fix named, redacted per event and per type, and never mutated.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../record/index.js";
import { AuditInputError } from "./errors.js";
import { parseAuditTime, prepareAuditEvent } from "./event-input.js";
import { saltedRedactionDigest } from "./signer.js";
import type { AuditEventInput } from "./types.js";

const redactionDigest = saltedRedactionDigest("event-input-test-salt");
const base: AuditEventInput = { type: "call.proposed", traceId: "t1", callId: "c1", at: "2026-03-01T10:00:00.000Z", data: { name: "lookup", arguments: { ssn: "123", q: "x" } } };

describe("prepareAuditEvent", () => {
  it("produces canonical data text and the time in milliseconds", () => {
    const prepared = prepareAuditEvent({ ...base, data: { b: 1, a: [true, null] } }, "events[0]", { redactionDigest });
    expect(prepared.dataText).toBe('{"a":[true,null],"b":1}');
    expect(prepared.atMs).toBe(Date.parse(base.at));
    expect(prepared.callId).toBe("c1");
    expect(prepared.redacted).toEqual([]);
  });

  it("redacts producer pointers and configured pointers for the type, without touching the input", () => {
    const input = structuredClone({ ...base, redact: ["/arguments/ssn"] });
    const prepared = prepareAuditEvent(input, "events[0]", { redactionDigest, redaction: { "call.proposed": ["/name"], "call.executed": ["/arguments/q"] } });
    expect(prepared.redacted).toEqual(["/arguments/ssn", "/name"]);
    expect(JSON.parse(prepared.dataText)).toEqual({ name: { $redacted: redactionDigest('"lookup"') }, arguments: { ssn: { $redacted: redactionDigest('"123"') }, q: "x" } });
    expect(input.data).toEqual(base.data);
  });

  it("names the field and the fix for each kind of bad input", () => {
    const cases: Array<[Partial<AuditEventInput> & Record<string, unknown>, RegExp]> = [
      [{ type: "call.made" as never }, /events\[4\]\.type: unknown event type "call.made" — use one of run.started/],
      [{ type: "checkpoint" }, /written by the store — call store.checkpoint\(\)/],
      [{ type: "retention.pruned" }, /call store.prune/],
      [{ traceId: "" }, /events\[4\]\.traceId: must be a non-empty string/],
      [{ callId: "a\u0000b" }, /events\[4\]\.callId: contains a NUL character/],
      [{ callId: 5 as never }, /events\[4\]\.callId/],
      [{ at: "yesterday" }, /events\[4\]\.at: "yesterday" is not an ISO-8601 time with a zone — pass e.g. new Date\(\)\.toISOString\(\)/],
      [{ at: "2026-03-01T10:00:00" }, /not an ISO-8601 time with a zone/],
      [{ data: { n: Number.NaN } }, /events\[4\]\.data\.n: NaN is not representable in JSON/],
      [{ data: { list: [1, () => 1] } as never }, /events\[4\]\.data\.list\[1\]: a function is not JSON/],
      [{ data: { big: 1n } as never }, /a bigint is not JSON/],
      [{ redact: "/ssn" as never }, /events\[4\]\.redact: must be an array of JSON pointers/],
      [{ redact: ["ssn"] }, /events\[4\]\.redact\[0\]: "ssn" is not a JSON pointer/],
    ];
    for (const [change, message] of cases) {
      const attempt = () => prepareAuditEvent({ ...base, ...change } as AuditEventInput, "events[4]", { redactionDigest });
      expect(attempt).toThrow(AuditInputError);
      expect(attempt).toThrow(message);
    }
  });

  it("rejects a cycle instead of overflowing the stack", () => {
    const data: Record<string, unknown> = { a: 1 };
    data.self = data;
    expect(() => prepareAuditEvent({ ...base, data: data as never }, "e", { redactionDigest })).toThrow(/e\.data\.self: contains a cycle/);
  });

  it("writes the same text as canonicalJson for any JSON data (the check and the serialisation are one walk)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined))), (value, withUndefined) => {
        for (const data of [value, withUndefined]) {
          const prepared = prepareAuditEvent({ ...base, data: data as never }, "e", { redactionDigest });
          expect(prepared.dataText).toBe(canonicalJson(data));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reports the first problem in canonical member order, with its path", () => {
    expect(() => prepareAuditEvent({ ...base, data: { z: Number.NaN, a: { deep: [0, Number.POSITIVE_INFINITY] } } }, "e", { redactionDigest })).toThrow(/e\.data\.a\.deep\[1\]: Infinity is not representable/);
    expect(() => prepareAuditEvent({ ...base, data: [1, undefined] as never }, "e", { redactionDigest })).toThrow(/e\.data\[1\]: a undefined is not JSON/);
  });

  it("accepts values with toJSON (a Date) as canonical JSON does", () => {
    const prepared = prepareAuditEvent({ ...base, data: { when: new Date(0) } as never }, "e", { redactionDigest });
    expect(prepared.dataText).toBe(canonicalJson({ when: "1970-01-01T00:00:00.000Z" }));
  });
});

describe("parseAuditTime", () => {
  it("accepts ISO-8601 times with Z or an offset, and nothing else", () => {
    expect(parseAuditTime("2026-03-01T10:00:00Z")).toBe(Date.parse("2026-03-01T10:00:00Z"));
    expect(parseAuditTime("2026-03-01T12:00:00.5+02:00")).toBe(Date.parse("2026-03-01T10:00:00.500Z"));
    expect(parseAuditTime("2026-13-01T10:00:00Z")).toBeUndefined();
    expect(parseAuditTime(12)).toBeUndefined();
  });
});
