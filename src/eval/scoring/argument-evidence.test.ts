import { describe, expect, it } from "vitest";
import { argumentMismatches } from "./argument-evidence.js";

const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: JSON.stringify(args) });

describe("argumentMismatches", () => {
  it("tells a copied-not-converted value from a value nobody gave the model", () => {
    const mismatches = argumentMismatches({
      expected: [{ book: { date: ["2024-03-01"], account: ["AC-7781"], nights: [2] } }],
      calls: [call("book", { date: "March 1, 2024", account: "AC-1000", nights: 2 })],
      conversation: "Book two nights from March 1, 2024 for me (2 nights).",
      schemas: '{"date":{"description":"check-in day"}}',
    });
    expect(mismatches).toEqual([
      { function: "book", param: "date", expected: ["2024-03-01"], actual: "March 1, 2024", expectedSeen: false, expectedInSchema: false, actualSeen: true },
      { function: "book", param: "account", expected: ["AC-7781"], actual: "AC-1000", expectedSeen: false, expectedInSchema: false, actualSeen: false },
    ]);
  });

  it("normalises numbers and case, and accepts an omitted optional parameter", () => {
    const mismatches = argumentMismatches({
      expected: [{ refund: { amount: [12.5], currency: ["usd", ""], note: ["", "late"] } }],
      calls: [call("refund", { amount: 1250, currency: "USD" })],
      conversation: "Refund $12.50 please",
      schemas: '{"currency":{"enum":["usd","eur"]}}',
    });
    expect(mismatches).toEqual([{ function: "refund", param: "amount", expected: [12.5], actual: 1250, expectedSeen: true, expectedInSchema: false, actualSeen: false }]);
  });

  it("reports a required parameter left out, and ignores functions the model never called", () => {
    const mismatches = argumentMismatches({
      expected: [{ a: { x: [1] } }, { b: { y: ["z"] } }],
      calls: [call("a", {})],
      conversation: "x is 1",
      schemas: "",
    });
    expect(mismatches).toEqual([{ function: "a", param: "x", expected: [1], expectedSeen: true, expectedInSchema: false, actualSeen: false }]);
  });
});
