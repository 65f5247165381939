import { describe, expect, it } from "vitest";
import type { PolicyInput } from "../types.js";
import { defaultPolicy } from "./default-policy.js";

const clock = () => new Date("2025-01-01T00:00:00Z");
const input = (risk: PolicyInput["risk"], tainted: boolean): PolicyInput => ({
  traceId: "t",
  callId: "c",
  toolName: "tool",
  toolDigest: "d",
  area: "a",
  risk,
  arguments: { url: "https://example.test" },
  callDigest: "x",
  ...(tainted ? { taint: [{ path: "/url", sources: [{ callId: "c0", toolName: "web.fetch", match: "exact" }] }] } : {}),
});

describe("defaultPolicy", () => {
  it("allows reads and clean writes, asks a person for privileged calls and for anything else carrying untrusted values", async () => {
    const policy = defaultPolicy({ clock });
    expect(await policy.evaluate(input("read", false))).toMatchObject({ effect: "allow", ruleId: "risk:allow-read" });
    expect(await policy.evaluate(input("read", true))).toMatchObject({ effect: "allow" });
    expect(await policy.evaluate(input("write", false))).toMatchObject({ effect: "allow", ruleId: "risk:allow-write" });
    expect(await policy.evaluate(input("write", true))).toMatchObject({ effect: "require-approval", ruleId: "taint:approve-write" });
    expect(await policy.evaluate(input("privileged", false))).toMatchObject({ effect: "require-approval", ruleId: "risk:approve-privileged" });
    expect(await policy.evaluate(input("privileged", true))).toMatchObject({ effect: "require-approval", ruleId: "taint:approve-privileged", policyDigest: policy.digest });
    expect(policy.version).toBe("toolgate-default-2");
  });
});
