import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const policyText = `version: 4
default: allow
rules:
  - id: no-untrusted-payee
    priority: 10
    tool: "payments.*"
    taint: { tainted: [/to] }
    effect: deny
    reason: the payee came from an untrusted tool result
  - id: finance-approves-large
    tool: "payments.*"
    arguments: { properties: { amount: { minimum: 1000 } }, required: [amount] }
    effect: require-approval
    role: finance-lead
  - id: ops-only-admin
    area: admin
    principal: { roles: [ops] }
    effect: allow
`;

// A catalog with a dotted (canonical) name that travels to the model as billing_refund, and the payments tools the policy names.
const toolsModule = [
  'const tool = (name, area, risk) => ({ name, description: name, area, risk, input: { type: "object" }, execute: () => ({ ok: true }) });',
  'export const tools = [tool("billing.refund", "billing", "privileged"), tool("payments.send", "payments", "write"), tool("reset", "admin", "write")];',
].join("\n");

function workspace(text = policyText) {
  const cwd = dirs.make();
  writeFileSync(join(cwd, "policy.yaml"), text);
  writeFileSync(join(cwd, "tools.mjs"), toolsModule);
  return cwd;
}

describe("toolgate policy check", () => {
  it("accepts a valid file and names its version, rules and digest", async () => {
    const io = capturedIo({ cwd: workspace() });
    expect(await main(["policy", "check", "policy.yaml", "--tools", "tools.mjs"], io)).toBe(0);
    expect(io.out()).toMatch(/^policy\.yaml: ok · version 4 · 3 rules · sha256:[0-9a-f]{64}\n$/);
  });

  it("flags tool patterns that match no tool of the catalog (default: the example), by file:line", async () => {
    const cwd = workspace();
    const io = capturedIo({ cwd });
    expect(await main(["policy", "check", "policy.yaml"], io)).toBe(1);
    expect(io.err()).toContain('toolgate: policy.yaml:6: rules[0].tool: "payments.*" (rule no-untrusted-payee) matches no tool of the customer-service example (13 tools');
    expect(io.err()).toContain("policy.yaml: 2 tool patterns match no tool");
    const typo = capturedIo({ cwd: workspace('default: allow\nrules:\n  - id: frozen\n    tool: [billing_refund, "biling_*"]\n    effect: deny\n    reason: frozen\n') });
    expect(await main(["policy", "check", "policy.yaml", "--tools", "tools.mjs"], typo)).toBe(1);
    expect(typo.err()).toContain('policy.yaml:4: rules[0].tool[1]: "biling_*" (rule frozen) matches no tool of tools.mjs');
    expect(typo.err()).not.toContain("tool[0]");
  });

  it("prints every problem as file:line and fails", async () => {
    const io = capturedIo({ cwd: workspace("rules:\n  - id: a\n    effect: deny\n  - id: b\n    effect: allow\n    risk: admin\n") });
    expect(await main(["policy", "check", "policy.yaml"], io)).toBe(1);
    expect(io.err()).toContain("toolgate: policy.yaml:2: rules[0].reason: a deny rule needs a reason");
    expect(io.err()).toMatch(/toolgate: policy\.yaml:6: rules\[1\]\.risk: /);
    expect(io.err()).toContain("policy.yaml: 2 problems");
  });
});

describe("toolgate policy explain", () => {
  it("shows the deny that fired for a tainted payee", async () => {
    const io = capturedIo({ cwd: workspace() });
    expect(await main(["policy", "explain", "policy.yaml", "--tool", "payments.send", "--args", '{"to":"x","amount":5}', "--tainted", "/to"], io)).toBe(0);
    expect(io.out()).toContain("decision: deny\nrule:     no-untrusted-payee (deny, priority 10, rules[0])\nreason:   the payee came from an untrusted tool result\n");
    expect(io.out()).toContain("tainted /to");
  });

  it("shows the approver role, principal matches, and the default", async () => {
    const cwd = workspace();
    const large = capturedIo({ cwd });
    await main(["policy", "explain", "policy.yaml", "--tool", "payments.send", "--args", '{"to":"x","amount":5000}'], large);
    expect(large.out()).toContain("decision: require-approval\nrule:     finance-approves-large");
    expect(large.out()).toContain("approver: someone with role finance-lead");
    const ops = capturedIo({ cwd });
    await main(["policy", "explain", "policy.yaml", "--tool", "reset", "--area", "admin", "--principal", "sam", "--role", "ops", "--json"], ops);
    expect(JSON.parse(ops.out())).toMatchObject({ decision: { effect: "allow", ruleId: "ops-only-admin", policyDigest: expect.stringMatching(/^sha256:/) }, version: "4" });
    const nobody = capturedIo({ cwd });
    await main(["policy", "explain", "policy.yaml", "--tool", "reset", "--area", "admin"], nobody);
    expect(nobody.out()).toContain("rule:     default (no rule matched)");
  });

  it("the issue's repro: a `billing_*` deny is what check, explain (by either name) and the gate all see", async () => {
    const cwd = workspace('default: allow\nrules:\n  - id: no-billing\n    tool: "billing_*"\n    effect: deny\n    reason: billing is frozen\n');
    const checked = capturedIo({ cwd });
    expect(await main(["policy", "check", "policy.yaml", "--tools", "tools.mjs"], checked)).toBe(0);
    for (const name of ["billing_refund", "billing.refund"]) {
      const io = capturedIo({ cwd });
      expect(await main(["policy", "explain", "policy.yaml", "--tools", "tools.mjs", "--tool", name], io)).toBe(0);
      expect(io.out()).toContain("decision: deny\nrule:     no-billing");
      // The catalog supplies the tool's canonical name, risk and area.
      expect(io.out()).toContain("call:     billing.refund (model sees billing_refund) (privileged, area billing)");
    }
  });

  it("looks the tool up in the example catalog by default: issue_refund is privileged, not the write fallback", async () => {
    const io = capturedIo({ cwd: workspace() });
    expect(await main(["policy", "explain", "policy.yaml", "--tool", "issue_refund"], io)).toBe(0);
    expect(io.out()).toMatch(/^call: {5}\S*issue_refund.* \(privileged, area accounts\)$/m);
  });

  it("names the fix for bad --args", async () => {
    const io = capturedIo({ cwd: workspace() });
    expect(await main(["policy", "explain", "policy.yaml", "--tool", "t", "--args", "{to:1}"], io)).toBe(2);
    expect(io.err()).toMatch(/^toolgate: --args is not JSON .*; quote it/);
  });
});
