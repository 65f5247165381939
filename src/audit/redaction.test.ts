// Redaction replaces values with keyed digests, lists what it redacted, and keeps equal values comparable.
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../record/index.js";
import { AuditInputError } from "./errors.js";
import { redactData } from "./redaction.js";
import { saltedRedactionDigest } from "./signer.js";

const digest = saltedRedactionDigest("redaction-test-salt");
const clone = (value: JsonValue): JsonValue => structuredClone(value);

describe("redactData", () => {
  it("replaces each pointed-at value with a digest object and records the pointers", () => {
    const { data, redacted } = redactData(clone({ arguments: { ssn: "123-45-6789", amount: 5 }, email: "a@b.c" }), ["/email", "/arguments/ssn"], digest);
    expect(data).toEqual({
      arguments: { ssn: { $redacted: digest('"123-45-6789"') }, amount: 5 },
      email: { $redacted: digest('"a@b.c"') },
    });
    expect(JSON.stringify(data)).not.toContain("123-45-6789");
    expect(redacted).toEqual(["/arguments/ssn", "/email"]);
  });

  it("gives equal values equal digests, whatever their key order", () => {
    const a = redactData(clone({ card: { number: "4111", exp: "12/30" } }), ["/card"], digest).data as Record<string, JsonValue>;
    const b = redactData(clone({ card: { exp: "12/30", number: "4111" } }), ["/card"], digest).data as Record<string, JsonValue>;
    const c = redactData(clone({ card: { exp: "12/31", number: "4111" } }), ["/card"], digest).data as Record<string, JsonValue>;
    expect(a.card).toEqual(b.card);
    expect(a.card).not.toEqual(c.card);
  });

  it("skips pointers that resolve to nothing and pointers inside a redacted parent", () => {
    const { data, redacted } = redactData(clone({ user: { name: "n", ssn: "s" } }), ["/user/ssn", "/user", "/missing", "/user/ssn"], digest);
    expect(redacted).toEqual(["/user"]);
    expect((data as Record<string, unknown>).user).toEqual({ $redacted: digest('{"name":"n","ssn":"s"}') });
  });

  it("redacts array items and the whole document", () => {
    expect(redactData(clone({ messages: ["hi", "secret"] }), ["/messages/1"], digest)).toEqual({ data: { messages: ["hi", { $redacted: digest('"secret"') }] }, redacted: ["/messages/1"] });
    expect(redactData(clone(["x"]), [""], digest)).toEqual({ data: { $redacted: digest('["x"]') }, redacted: [""] });
  });

  it("records escaped pointers in canonical spelling", () => {
    expect(redactData(clone({ "a/b": 1, "m~n": 2 }), ["/a~1b", "/m~0n"], digest).redacted).toEqual(["/a~1b", "/m~0n"]);
  });

  it("rejects a malformed pointer with its position", () => {
    expect(() => redactData(clone({}), ["/ok", "bad"], digest, "events[0].redact")).toThrow(AuditInputError);
    expect(() => redactData(clone({}), ["/ok", "bad"], digest, "events[0].redact")).toThrow(/events\[0\]\.redact\[1\]/);
  });
});
