// Issue 11 §7: the approval display shows the canonical call in full, steering arguments first, with their provenance.
import { describe, expect, it } from "vitest";
import { capturedIo } from "../../cli/test-support/captured-io.js";
import { terminalApprover } from "../../cli/terminal-approver.js";
import type { ArgumentProvenance } from "../../record/index.js";
import { digestOf } from "../../record/index.js";
import type { ApprovalRequest } from "../types.js";
import { approvalShown, approvalView, fullCallText, renderApprovalView } from "./approval-view.js";

const longNote = `Customer asked nicely. ${"Lorem ipsum dolor sit amet. ".repeat(200)}`;
// The model put a long free-text argument first; the amount came last.
const refundArguments = { note: longNote, customer_id: "C-1001", amount_cents: 99_999 };
const provenance: ArgumentProvenance[] = [
  { path: "/customer_id", kind: "id", sources: [{ origin: "tool", callId: "c1", toolName: "find_customer", field: "/id" }], proven: true },
  { path: "/amount_cents", kind: "amount", sources: [], proven: false },
];
const request = (args: Record<string, unknown>): ApprovalRequest & { provenance: ArgumentProvenance[] } => ({
  traceId: "t",
  callId: "c2",
  toolName: "billing.refund",
  toolDigest: "d",
  area: "billing",
  risk: "privileged",
  arguments: args as ApprovalRequest["arguments"],
  callDigest: digestOf({ tool: "billing.refund", arguments: args }),
  reason: "privileged tools need a person's approval",
  ruleId: "risk:approve-privileged",
  taint: [{ path: "/amount_cents", sources: [{ callId: "c0", toolName: "read_inbox", match: "exact" }] }],
  provenance,
});

describe("approval view", () => {
  it("the issue's repro: a long first argument no longer hides the amount — steering arguments come first, the cut is said", () => {
    const view = approvalView(request(refundArguments));
    const { text, complete } = renderApprovalView(view, { maxValueChars: 300, fullCallHint: "type f to see the call in full" });
    const lines = text.split("\n");
    expect(lines[0]).toBe("billing.refund · privileged · rule risk:approve-privileged: privileged tools need a person's approval");
    expect(lines[1]).toBe(`call ${digestOf({ tool: "billing.refund", arguments: refundArguments })}`);
    const amountLine = lines.findIndex((line) => line.includes("amount_cents"));
    const noteLine = lines.findIndex((line) => line.includes(" note "));
    expect(amountLine).toBe(2);
    expect(noteLine).toBeGreaterThan(amountLine);
    expect(lines[amountLine]).toMatch(/^ {2}▶ amount_cents += 99999$/);
    expect(text).toContain("/amount_cents steers this call (amount): NOT traced to any trusted source");
    expect(text).toContain("/amount_cents holds text from the untrusted result of read_inbox (call c0, exact match)");
    expect(text).toContain("/customer_id steers this call (id): from trusted tool find_customer (field /id, call c1)");
    expect(complete).toBe(false);
    expect(lines[noteLine]).toContain(`… [cut: showing 300 of ${JSON.stringify(longNote).length} characters; type f to see the call in full]`);
    // The full call is the canonical call the grant binds to.
    expect(JSON.parse(fullCallText(view))).toEqual({ tool: "billing.refund", arguments: refundArguments });
  });

  it("has a fixed order: the same call in another key order renders the same text and digests", () => {
    const a = approvalView(request(refundArguments));
    const b = approvalView(request({ amount_cents: 99_999, customer_id: "C-1001", note: longNote }));
    expect(renderApprovalView(b)).toEqual(renderApprovalView(a));
    expect(approvalShown(b, renderApprovalView(b))).toEqual(approvalShown(a, renderApprovalView(a)));
    expect(a.callDigest).toBe(request(refundArguments).callDigest);
  });

  it("escapes control and bidi characters so a value cannot rewrite the line it is on", () => {
    const view = approvalView({ ...request({ to: "evil\u202e@example.test\r\nApprove" }), provenance: [] });
    expect(renderApprovalView(view).text).toContain('to = "evil\\u202e@example.test\\r\\nApprove"');
  });
});

describe("terminal approver", () => {
  it("shows the view, prints the full call on f, and records what was shown with the decision", async () => {
    const io = capturedIo({ cwd: "/", tty: true });
    const answers = ["f", "y"];
    const approver = terminalApprover(io, () => ({ read: async () => answers.shift() }));
    const decision = await approver.requestApproval(request(refundArguments), new AbortController().signal);
    expect(decision).toMatchObject({ approved: true, approver: "terminal", callDigest: request(refundArguments).callDigest });
    const shown = (decision as { shown?: ReturnType<typeof approvalShown> }).shown!;
    expect(shown).toMatchObject({ callDigest: request(refundArguments).callDigest, complete: false, provenance, taint: request(refundArguments).taint });
    expect(shown.textDigest).toMatch(/^sha256:/);
    expect(io.out()).toContain("Approval needed: billing.refund · privileged");
    expect(io.out()).toContain(`"amount_cents": 99999`);
    expect(io.out().indexOf("▶ amount_cents")).toBeLessThan(io.out().indexOf("  note"));
  });
});

describe("the approval record keeps what was shown", () => {
  it("in the gate's approval verdict (terminal) and in the stored request (approval store)", async () => {
    const { createGate } = await import("../../gate/gate.js");
    const { createToolRegistry, defineTool } = await import("../../tool/index.js");
    const refund = defineTool({ name: "billing.refund", description: "Refund.", area: "billing", risk: "privileged", input: { type: "object" }, execute: () => ({ ok: true }) });
    const io = capturedIo({ cwd: "/", tty: true });
    const gate = createGate({ registry: createToolRegistry({ tools: [refund] }), policy: { evaluate: () => ({ effect: "require-approval", reason: "check it", ruleId: "r" }) }, approver: terminalApprover(io, () => ({ read: async () => "y" })) });
    const record = await gate.handle({ id: "1", name: "billing_refund", arguments: JSON.stringify(refundArguments) }, { traceId: "t", step: 0, index: 0, signal: new AbortController().signal });
    expect(record.status).toBe("succeeded");
    const approval = record.verdicts.find((verdict) => verdict.stage === "approval");
    expect(approval).toMatchObject({ outcome: "approved", detail: { shown: { callDigest: record.callDigest, complete: false, textDigest: expect.stringMatching(/^sha256:/) } } });
  });
});
