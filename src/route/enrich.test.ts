// Example-request maps from cases and from recorded traces.
import { describe, expect, it } from "vitest";
import type { CallRecord, Trace } from "../record/index.js";
import { casesFromTraces, enrichFromCases, pairsFromEvalCases } from "./enrich.js";

describe("enrichFromCases", () => {
  it("collects distinct, whitespace-normalised examples per tool in first-seen order, capped", () => {
    const examples = enrichFromCases(
      [
        { query: "  refund  me ", tool: "issue_refund" },
        { query: "Refund me", tool: "issue_refund" },
        { query: "money back", tool: "issue_refund" },
        { query: "third", tool: "issue_refund" },
        { query: "", tool: "issue_refund" },
        { query: "book", tool: "book_appointment" },
        { query: "x", tool: "__proto__" },
      ],
      { maxPerTool: 2 },
    );
    expect(examples).toEqual({ issue_refund: ["refund me", "money back"], book_appointment: ["book"], ["__proto__"]: ["x"] });
    expect(Object.getPrototypeOf(examples)).toBe(Object.prototype);
  });
});

describe("casesFromTraces", () => {
  it("pairs each run's last user request with the tools it called successfully, not search_tools", () => {
    const call = (toolName: string, status: CallRecord["status"]) => ({ toolName, status }) as CallRecord;
    const trace = {
      input: [{ role: "user", content: "earlier" }, { role: "assistant", content: "ok" }, { role: "user", content: "cancel my visit" }],
      calls: [call("search_tools", "succeeded"), call("cancel_appointment", "succeeded"), call("cancel_appointment", "succeeded"), call("close_account", "rejected")],
    } as unknown as Trace;
    const empty = { input: [{ role: "system", content: "s" }], calls: [call("x", "succeeded")] } as unknown as Trace;
    expect(casesFromTraces([trace, empty])).toEqual([{ query: "cancel my visit", tool: "cancel_appointment" }]);
  });
});

describe("pairsFromEvalCases", () => {
  it("pairs each case's last user request with every tool it expects, and says why it skips the rest", () => {
    const { pairs, skipped } = pairsFromEvalCases([
      { id: "one", messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "yes?" }, { role: "user", content: "refund and email me" }], expect: { calls: [{ issue_refund: { amount_cents: [100] } }, { send_email: {} }, { issue_refund: {} }] } },
      { id: "effects", turns: ["cancel my visit"], expect: { effects: [{ name: "find_customer" }, { name: "cancel_appointment" }] } },
      { id: "none", messages: [{ role: "user", content: "thanks" }], expect: {} },
      { id: "multi", turns: ["find Maria", "now cancel her visit"], expect: { effects: [{ name: "cancel_appointment" }] } },
      { id: "blank", messages: [{ role: "user", content: "  " }], expect: { calls: [{ x: {} }] } },
    ]);
    expect(pairs).toEqual([
      { query: "refund and email me", tool: "issue_refund" },
      { query: "refund and email me", tool: "send_email" },
      { query: "cancel my visit", tool: "find_customer" },
      { query: "cancel my visit", tool: "cancel_appointment" },
    ]);
    expect(skipped).toEqual([
      { id: "none", reason: "expects no particular tool (no_call or any_call)" },
      { id: "multi", reason: "multi-turn: its expected calls belong to no single request" },
      { id: "blank", reason: "has no user request" },
    ]);
  });
});
