import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadPolicy, PolicyFileError } from "./load-policy.js";

const clock = () => new Date("2025-01-01T00:00:00Z");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const file = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-policy-"));
  dirs.push(dir);
  const path = join(dir, "policy.yaml");
  writeFileSync(path, text);
  return path;
};
const problemsOf = (path: string) => {
  try {
    loadPolicy(path, { clock });
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    return (error as PolicyFileError).message;
  }
  throw new Error("expected the policy to be rejected");
};

describe("loadPolicy from YAML", () => {
  it("loads rules and gives the same digest as the equivalent object", async () => {
    const path = file(`version: 3
default: allow
rules:
  - id: wire-untrusted
    priority: 10
    tool: "payments.*"
    taint: { tainted: [/to, /amount] }
    effect: deny
    reason: payee or amount came from an untrusted tool result
`);
    const policy = loadPolicy(path, { clock });
    expect(policy.version).toBe("3");
    const same = loadPolicy({ version: 3, default: "allow", rules: [{ id: "wire-untrusted", priority: 10, tool: "payments.*", taint: { tainted: ["/to", "/amount"] }, effect: "deny", reason: "payee or amount came from an untrusted tool result" }] }, { clock });
    expect(same.digest).toBe(policy.digest);
    const decision = await policy.evaluate({ traceId: "t", callId: "c", toolName: "payments.send", toolDigest: "d", area: "p", risk: "write", arguments: {}, callDigest: "x", taint: [{ path: "/amount", sources: [] }] });
    expect(decision).toMatchObject({ effect: "deny", ruleId: "wire-untrusted" });
  });

  it("reports schema problems with file:line and the path", () => {
    const path = file(`rules:
  - id: ok
    effect: allow
  - id: no-reason
    tool: x
    effect: deny
  - id: typo
    tol: x
    effect: allow
`);
    const message = problemsOf(path);
    expect(message).toContain(`${path}:4: rules[1].reason: a deny rule needs a reason`);
    expect(message).toContain(`${path}:8: rules[2]: unknown field "tol"`);
  });

  it("reports YAML syntax errors, bad windows, duplicate ids and invalid JSON Schema with their lines", () => {
    expect(problemsOf(file("rules:\n  - id: a\n    effect: [allow\n"))).toMatch(/policy\.yaml:\d+: YAML syntax/);
    expect(problemsOf(file("rules:\n  - id: a\n    effect: rate-limit\n    limit: { max: 5, window: 5 minutes }\n"))).toMatch(/policy\.yaml:4: rules\[0\]\.limit\.window: "5 minutes" is not a window/);
    expect(problemsOf(file("rules:\n  - id: a\n    effect: allow\n  - id: a\n    effect: allow\n"))).toMatch(/policy\.yaml:4: rules\[1\]\.id: rule id "a" is used twice/);
    expect(problemsOf(file("rules:\n  - id: a\n    arguments: { type: 12 }\n    effect: allow\n"))).toMatch(/policy\.yaml:3: rules\[0\]\.arguments: rule a: the arguments schema is not valid JSON Schema/);
  });

  it("names a missing file and the flag to fix", () => {
    expect(() => loadPolicy("/nonexistent/policy.yaml", { clock })).toThrow(/cannot read the policy file \(ENOENT\); check the --policy path/);
  });
});
