import { describe, expect, it } from "vitest";
import { riskPolicy } from "./risk-policy.js";
import type { PolicyInput } from "./types.js";

const input = (risk: PolicyInput["risk"]): PolicyInput => ({
  traceId: "t", callId: "c", toolName: "x", toolDigest: "d", area: "a", risk, arguments: {}, callDigest: "cd",
});

describe("riskPolicy", () => {
  it("asks approval for privileged tools by default and allows the rest", () => {
    const policy = riskPolicy();
    expect(policy.evaluate(input("privileged"))).toMatchObject({ effect: "require-approval", ruleId: "risk:approve-privileged" });
    expect(policy.evaluate(input("write"))).toMatchObject({ effect: "allow" });
    expect(policy.evaluate(input("read"))).toMatchObject({ effect: "allow" });
  });

  it("denies the risks it is told to", () => {
    expect(riskPolicy({ deny: ["write", "privileged"] }).evaluate(input("write"))).toMatchObject({ effect: "deny", reason: "write tools are disabled" });
  });
});
