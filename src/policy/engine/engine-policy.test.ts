import { describe, expect, it } from "vitest";
import { createGate } from "../../gate/gate.js";
import { memorySink } from "../../gate/sinks.js";
import { defineTool } from "../../tool/define-tool.js";
import { createToolRegistry } from "../../tool/registry.js";
import type { PolicyInput } from "../types.js";
import { loadPolicy } from "./load-policy.js";
import type { PolicyDocumentInput } from "./policy-document.js";

const clock = () => new Date("2025-01-01T00:00:00Z");
const call = (overrides: Partial<PolicyInput> = {}): PolicyInput => ({
  traceId: "t",
  callId: "c",
  toolName: "payments.send",
  toolDigest: "d",
  area: "payments",
  risk: "write",
  arguments: { to: "acct-1", amount: 50 },
  callDigest: "cd",
  ...overrides,
});
const policy = (rules: PolicyDocumentInput["rules"], extra: Partial<PolicyDocumentInput> = {}) => loadPolicy({ rules, ...extra }, { clock });

describe("engine policy matchers", () => {
  it("matches tool names and globs", async () => {
    const p = policy([
      { id: "exact", tool: "crm.lookup", effect: "allow" },
      { id: "glob", tool: ["payments.*"], effect: "require-approval", role: "finance" },
    ]);
    expect(await p.evaluate(call({ toolName: "crm.lookup" }))).toMatchObject({ effect: "allow", ruleId: "exact" });
    expect(await p.evaluate(call())).toMatchObject({ effect: "require-approval", ruleId: "glob", approverRole: "finance" });
    expect(await p.evaluate(call({ toolName: "paymentsXsend" }))).toMatchObject({ effect: "deny", ruleId: "default" });
  });

  it("matches area and risk", async () => {
    const p = policy([
      { id: "area", area: "hr*", effect: "deny", reason: "no HR" },
      { id: "reads", risk: ["read"], effect: "allow" },
    ]);
    expect(await p.evaluate(call({ area: "hr-records", risk: "read" }))).toMatchObject({ effect: "deny", ruleId: "area", reason: "no HR" });
    expect(await p.evaluate(call({ risk: "read" }))).toMatchObject({ effect: "allow", ruleId: "reads" });
    expect(await p.evaluate(call({ risk: "privileged" }))).toMatchObject({ ruleId: "default" });
  });

  it("matches principal ids, roles and tenant, and never an absent principal", async () => {
    const p = policy([
      { id: "by-id", principal: { ids: ["alice"] }, effect: "allow" },
      { id: "by-role-tenant", principal: { roles: ["ops"], tenant: "acme" }, effect: "allow" },
    ]);
    expect(await p.evaluate(call({ principal: { id: "alice" } }))).toMatchObject({ ruleId: "by-id" });
    expect(await p.evaluate(call({ principal: { id: "bob", roles: ["ops"], tenant: "acme" } }))).toMatchObject({ ruleId: "by-role-tenant" });
    expect(await p.evaluate(call({ principal: { id: "bob", roles: ["ops"], tenant: "other" } }))).toMatchObject({ ruleId: "default" });
    expect(await p.evaluate(call())).toMatchObject({ ruleId: "default" });
  });

  it("decides each principal on its own roles though rules are cached per tool and principal, a role changed in place included", async () => {
    const p = policy([
      { id: "ops-allowed", principal: { roles: ["ops"] }, effect: "allow" },
      { id: "others-ask", effect: "require-approval" },
    ]);
    const bob = { id: "bob", roles: ["ops"] };
    expect(await p.evaluate(call({ principal: bob }))).toMatchObject({ ruleId: "ops-allowed" });
    expect(await p.evaluate(call({ principal: { id: "bob", roles: ["support"] } }))).toMatchObject({ ruleId: "others-ask" });
    bob.roles = ["support"];
    expect(await p.evaluate(call({ principal: bob }))).toMatchObject({ ruleId: "others-ask" });
    // Ids and roles cannot be confused by how they are joined.
    expect(await p.evaluate(call({ principal: { id: "bob\",\"ops", roles: [] } }))).toMatchObject({ ruleId: "others-ask" });
  });

  it("matches arguments with a JSON Schema fragment or a predicate", async () => {
    const p = policy([
      { id: "big", arguments: { type: "object", properties: { amount: { type: "number", minimum: 1000 } }, required: ["amount"] }, effect: "require-approval" },
      { id: "internal", arguments: (args) => typeof args === "object" && args !== null && !Array.isArray(args) && String(args.to).startsWith("acct-"), effect: "allow" },
    ]);
    expect(await p.evaluate(call({ arguments: { to: "acct-1", amount: 5000 } }))).toMatchObject({ ruleId: "big" });
    expect(await p.evaluate(call())).toMatchObject({ ruleId: "internal" });
    expect(await p.evaluate(call({ arguments: { to: "ext-9", amount: 5 } }))).toMatchObject({ ruleId: "default" });
  });

  it("matches tainted paths (and what is inside them) and anyTainted", async () => {
    const source = [{ callId: "c0", toolName: "web.fetch", match: "exact" as const }];
    const p = policy([
      { id: "tainted-to", taint: { tainted: ["/to", "/amount"] }, effect: "deny", reason: "recipient from untrusted data" },
      { id: "any", taint: { anyTainted: true }, effect: "require-approval" },
      { id: "clean", taint: { anyTainted: false }, effect: "allow" },
    ]);
    expect(await p.evaluate(call({ taint: [{ path: "/to/0", sources: source }] }))).toMatchObject({ effect: "deny", ruleId: "tainted-to" });
    expect(await p.evaluate(call({ taint: [{ path: "/memo", sources: source }] }))).toMatchObject({ ruleId: "any" });
    expect(await p.evaluate(call({ taint: [] }))).toMatchObject({ ruleId: "clean" });
  });
});

describe("engine policy evaluation order", () => {
  it("lets an explicit deny win over a higher-priority allow", async () => {
    const p = policy([
      { id: "allow-all", priority: 100, effect: "allow" },
      { id: "no-payments", priority: 1, tool: "payments.*", effect: "deny", reason: "payments are frozen" },
    ]);
    expect(await p.evaluate(call())).toMatchObject({ effect: "deny", ruleId: "no-payments", reason: "payments are frozen" });
  });

  it("picks the first matching rule by priority, then by document order", async () => {
    const p = policy([
      { id: "low", effect: "allow" },
      { id: "high", priority: 5, effect: "require-approval" },
      { id: "high-later", priority: 5, effect: "allow" },
    ]);
    expect(await p.evaluate(call())).toMatchObject({ effect: "require-approval", ruleId: "high" });
  });

  it("falls back to the document's default", async () => {
    expect(await policy([], { default: "allow" }).evaluate(call())).toMatchObject({ effect: "allow", ruleId: "default" });
    expect(await policy([]).evaluate(call())).toMatchObject({ effect: "deny", ruleId: "default" });
  });

  it("stamps every decision with the rule and the policy digest", async () => {
    const p = policy([
      { id: "a", tool: "a", effect: "allow" },
      { id: "b", tool: "b", effect: "deny", reason: "no" },
      { id: "c", tool: "c", effect: "require-approval" },
      { id: "d", tool: "d", effect: "rate-limit", limit: { max: 0.5, window: "1m" } },
    ]);
    for (const toolName of ["a", "b", "c", "d", "zzz"]) {
      const decision = await p.evaluate(call({ toolName }));
      expect(decision.ruleId).toBeTruthy();
      expect(decision.policyDigest).toBe(p.digest);
    }
  });
});

describe("engine policy digest", () => {
  const rules: PolicyDocumentInput["rules"] = [{ id: "r", tool: "x", effect: "allow" }];
  it("is stable for the same policy and changes with any rule", () => {
    const first = policy(rules);
    expect(first.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(policy(structuredClone(rules)).digest).toBe(first.digest);
    expect(policy([{ id: "r", tool: "y", effect: "allow" }]).digest).not.toBe(first.digest);
    expect(first.version).toBe(first.digest.slice(7, 19));
    expect(policy(rules, { version: 7 }).version).toBe("7");
  });

  it("includes predicates by their source", () => {
    const a = policy([{ id: "p", arguments: () => true, effect: "allow" }]);
    const b = policy([{ id: "p", arguments: () => false, effect: "allow" }]);
    expect(a.digest).not.toBe(b.digest);
  });
});

describe("the gate records the engine's decision", () => {
  it("puts ruleId and policyDigest in the policy verdict, for allow and deny", async () => {
    const send = defineTool({ name: "payments.send", description: "Send money.", area: "payments", risk: "write", input: { type: "object", properties: { to: { type: "string" } }, required: ["to"] }, execute: () => ({ sent: true }) });
    const p = policy([{ id: "no-external", arguments: { type: "object", properties: { to: { pattern: "^ext-" } } }, effect: "deny", reason: "external payees are blocked" }], { default: "allow" });
    const sink = memorySink();
    const gate = createGate({ registry: createToolRegistry({ tools: [send] }), policy: p, sink });
    const context = { traceId: "t", step: 0, index: 0, signal: new AbortController().signal };
    await gate.handle({ id: "1", name: "payments.send", arguments: '{"to":"acct-1"}' }, context);
    await gate.handle({ id: "2", name: "payments.send", arguments: '{"to":"ext-1"}' }, context);
    const verdicts = sink.records.map((record) => record.verdicts.find((verdict) => verdict.stage === "policy"));
    expect(verdicts[0]).toMatchObject({ outcome: "pass", ruleId: "default", detail: { policyDigest: p.digest } });
    expect(verdicts[1]).toMatchObject({ outcome: "deny", ruleId: "no-external", detail: { policyDigest: p.digest } });
    expect(sink.records[1]!.outcome).toMatchObject({ ok: false, error: { code: "policy_denied", message: expect.stringContaining("external payees are blocked") } });
  });
});
