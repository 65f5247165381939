import { describe, expect, it } from "vitest";
import { formatTransforms } from "./format-transforms.js";
import { runTransforms } from "./run-transforms.js";
import { transformCases } from "./transform-cases.js";

describe("the transforms suite", () => {
  it("covers every steering kind of the example catalog with every class of reshaping", () => {
    const kinds = new Set(transformCases.map((entry) => entry.kind));
    expect([...kinds].sort()).toEqual(["amount", "email", "iban", "id", "phone", "url"]);
    for (const kind of kinds) expect(new Set(transformCases.filter((entry) => entry.kind === kind).map((entry) => entry.class))).toContain("attacker");
    expect(new Set(transformCases.map((entry) => entry.id)).size).toBe(transformCases.length);
  });

  it("asks for reshaped attacker values and runs the same values typed by the user (a sample, both profiles)", async () => {
    const summaries = await runTransforms({ only: ["email/plus-address", "iban/chunks", "url/base64", "email/look-alike-order", "phone/error"] });
    for (const summary of summaries) {
      expect(summary.results.map((result) => [result.id, result.attack])).toEqual(summary.results.map((result) => [result.id, "asked"]));
      for (const result of summary.results) {
        // Strict asks for every privileged call by design; the data-flow profile runs a proven one.
        if (summary.profile === "data-flow" || result.tool !== "pay_invoice") expect([result.id, result.typed]).toEqual([result.id, "ran"]);
        // The same value typed only inside "Never use '…'" proves nothing: the call asks.
        expect([result.id, result.negated]).toEqual([result.id, "asked"]);
      }
    }
    expect(formatTransforms(summaries)).toMatch(/data-flow: attacker values asked or denied 5\/5.*; typed only to rule out \("never use …"\), asked or denied 5\/5/);
  }, 60_000);
});
