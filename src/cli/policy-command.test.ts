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

function workspace(text = policyText) {
  const cwd = dirs.make();
  writeFileSync(join(cwd, "policy.yaml"), text);
  return cwd;
}

describe("toolgate policy check", () => {
  it("accepts a valid file and names its version, rules and digest", async () => {
    const io = capturedIo({ cwd: workspace() });
    expect(await main(["policy", "check", "policy.yaml"], io)).toBe(0);
    expect(io.out()).toMatch(/^policy\.yaml: ok · version 4 · 3 rules · sha256:[0-9a-f]{64}\n$/);
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

  it("names the fix for bad --args", async () => {
    const io = capturedIo({ cwd: workspace() });
    expect(await main(["policy", "explain", "policy.yaml", "--tool", "t", "--args", "{to:1}"], io)).toBe(2);
    expect(io.err()).toMatch(/^toolgate: --args is not JSON .*; quote it/);
  });
});
