// Issue 11 §9: a value declared sensitive by one tool is redacted in every later event of the run, not just where it was declared.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approverFrom } from "../policy/approvers.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import type { TempAuditStore } from "./test-support/recorded-runs.js";
import { recordScriptedRun, tempAuditStore } from "./test-support/recorded-runs.js";
import { sensitiveValues } from "./sensitive-values.js";

let temp: TempAuditStore;
beforeEach(async () => {
  temp = await tempAuditStore();
});
afterEach(async () => temp.remove());

const email = "Ada.Lovelace@example.test";
const newPhone = "+44 7700 900123";

function crm() {
  const lookup = defineTool({
    name: "find_customer", description: "Find.", area: "crm", risk: "read", input: { type: "object" },
    sensitiveResult: ["/email"],
    execute: () => ({ id: "C-1", name: "Ada", email }),
  });
  const update = defineTool({
    name: "update_contact", description: "Update.", area: "crm", risk: "write", input: { type: "object" },
    sensitive: ["/phone"],
    execute: (args: { phone: string }, ctx) => {
      ctx.recordEffect({ kind: "customer.updated", target: "C-1", detail: { fields: ["phone"] } });
      return { ok: true, phone: args.phone };
    },
  });
  // A tool that declares nothing sensitive, but whose arguments, result and effects carry both values.
  const send = defineTool({
    name: "send_email", description: "Send.", area: "mail", risk: "write", input: { type: "object" },
    execute: (args: { to: string; body: string }, ctx) => {
      ctx.recordEffect({ kind: "email.sent", target: args.to, detail: { body: args.body } });
      return { queued: true, to: args.to, preview: args.body.slice(0, 40) };
    },
  });
  return createToolRegistry({ tools: [lookup, update, send] });
}

describe("value-based redaction in the audit trail", () => {
  it("the issue's repro: the phone and e-mail are redacted in another tool's arguments, result and effects too", async () => {
    const registry = crm();
    const turns = [
      { toolCalls: [{ name: "find_customer", arguments: '{"name":"Ada"}' }] },
      { toolCalls: [{ name: "update_contact", arguments: JSON.stringify({ id: "C-1", phone: newPhone }) }] },
      { toolCalls: [{ name: "send_email", arguments: JSON.stringify({ to: email.toLowerCase(), body: `Your new number is ${newPhone}.` }) }] },
      "done",
    ];
    const { trace, events } = await recordScriptedRun(temp.store, registry, turns, { approver: approverFrom("ops", () => true) });
    expect(trace.calls.map((call) => call.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const stored = JSON.stringify(events.map((event) => event.data)).toLowerCase();
    expect(stored).not.toContain(email.toLowerCase());
    expect(stored).not.toContain(newPhone.toLowerCase());
    const sendEvents = events.filter((event) => event.callId === trace.calls[2]!.id);
    const executed = sendEvents.find((event) => event.type === "call.executed")!;
    expect(executed.redacted).toEqual(expect.arrayContaining(["/outcome/result/preview", "/outcome/result/to"]));
    const effects = sendEvents.find((event) => event.type === "call.effects")!;
    expect(effects.redacted).toEqual(expect.arrayContaining(["/effects/0/detail/body", "/effects/0/target"]));
    expect(sendEvents.find((event) => event.type === "call.proposed")!.redacted).toContain("/arguments");
    // What is not sensitive stays readable, and the chain still verifies.
    expect(JSON.stringify(executed.data)).toContain('"queued":true');
    expect((await temp.store.verify()).ok).toBe(true);
  });

  it("matches inside longer text, ignores case, never touches numbers or structural fields, and skips short values", () => {
    const values = sensitiveValues();
    const call = (args: object) => ({ traceId: "t", arguments: args, outcome: { ok: true as const, result: null } }) as never;
    values.learn(call({ phone: "0770", pin: "12", list: ["Secret-Token-1", { deep: "x@y.test" }] }), ["/phone", "/pin", "/list"], []);
    expect(values.pointersIn("t", { text: "call 0770 now", n: 770, toolName: "0770-tool", items: ["SECRET-token-1 here", "fine"], pin: "12", mail: "X@Y.TEST" })).toEqual(["/text", "/items/0", "/mail"]);
    expect(values.pointersIn("other-run", { text: "0770" })).toEqual([]);
  });

  it("on the example catalog: a customer's e-mail and phone from find_customer are redacted in the e-mail sent to them", async () => {
    const { createCustomerServiceCatalog } = await import("../examples/index.js");
    const catalog = createCustomerServiceCatalog();
    try {
      const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
      const maria = catalog.database.prepare("SELECT email, phone FROM customers WHERE id = 'C-1001'").get() as { email: string; phone: string };
      const turns = [
        { toolCalls: [{ name: "find_customer", arguments: JSON.stringify({ name: "Maria" }) }] },
        { toolCalls: [{ name: "send_email", arguments: JSON.stringify({ to_address: maria.email, subject: "Your number", body: `We have ${maria.phone} on file.` }) }] },
        "done",
      ];
      const { trace, events } = await recordScriptedRun(temp.store, registry, turns);
      expect(trace.calls.map((call) => call.status)).toEqual(["succeeded", "succeeded"]);
      const stored = JSON.stringify(events.map((event) => event.data));
      expect(stored).not.toContain(maria.email);
      expect(stored).not.toContain(maria.phone);
      expect(events.find((event) => event.type === "call.executed" && event.callId === trace.calls[0]!.id)!.redacted).toEqual(expect.arrayContaining(["/outcome/result/matches/0/email", "/outcome/result/matches/0/phone"]));
    } finally {
      catalog.close();
    }
  });
});

