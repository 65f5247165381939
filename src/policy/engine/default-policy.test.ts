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
    expect(policy.version).toBe("toolgate-default-3");
  });

  it("asks for a write whose steering values are unproven, and fails closed when no tracker runs", async () => {
    const policy = defaultPolicy({ clock });
    const steering = (proven: boolean | undefined): PolicyInput => ({
      ...input("write", false),
      steersDeclared: true,
      ...(proven === undefined ? {} : { provenance: [{ path: "/to", kind: "email", sources: proven ? [{ origin: "user" }] : [], proven }] }),
    });
    expect(await policy.evaluate(steering(true))).toMatchObject({ effect: "allow", ruleId: "risk:allow-write" });
    expect(await policy.evaluate(steering(false))).toMatchObject({ effect: "require-approval", ruleId: "provenance:approve-unproven-write" });
    expect(await policy.evaluate(steering(undefined))).toMatchObject({ effect: "require-approval", ruleId: "provenance:approve-unproven-write" });
  });
});

describe("the data-flow profile", () => {
  const policy = defaultPolicy({ clock }, "data-flow");
  const call = (risk: PolicyInput["risk"], provenance: boolean[] | undefined, tainted = false, declared = true): PolicyInput => ({
    ...input(risk, tainted),
    steersDeclared: declared,
    ...(provenance ? { provenance: provenance.map((proven, index) => ({ path: `/a${index}`, kind: "iban" as const, sources: proven ? [{ origin: "user" as const }] : [], proven })) } : {}),
  });

  it("runs privileged and tainted calls whose steering values are all proven; asks for anything unproven", async () => {
    expect(await policy.evaluate(call("privileged", [true, true], true))).toMatchObject({ effect: "allow", ruleId: "provenance:allow-proven-privileged" });
    expect(await policy.evaluate(call("privileged", [true, false]))).toMatchObject({ effect: "require-approval", ruleId: "provenance:approve-unproven-privileged" });
    expect(await policy.evaluate(call("write", [false]))).toMatchObject({ effect: "require-approval", ruleId: "provenance:approve-unproven-write" });
    expect(await policy.evaluate(call("write", [true], true))).toMatchObject({ effect: "allow", ruleId: "risk:allow-write" });
    expect(policy.version).toBe("toolgate-data-flow-1");
  });

  it("asks when a steering argument (a message body it sends) carries untrusted text, not when another argument does", async () => {
    const tainted = (path: string): PolicyInput => ({
      ...call("write", [true]),
      steeringPaths: ["/to/*", "/body"],
      taint: [{ path, sources: [{ callId: "c0", toolName: "read_inbox", match: "exact" }] }],
    });
    expect(await policy.evaluate(tainted("/body"))).toMatchObject({ effect: "require-approval", ruleId: "taint:approve-steering" });
    expect(await policy.evaluate(tainted("/to/0"))).toMatchObject({ effect: "require-approval", ruleId: "taint:approve-steering" });
    expect(await policy.evaluate(tainted("/note"))).toMatchObject({ effect: "allow", ruleId: "risk:allow-write" });
  });

  it("asks where nothing can be proven: no tracker, or a tool that declares no steering arguments", async () => {
    expect(await policy.evaluate(call("write", undefined))).toMatchObject({ effect: "require-approval", ruleId: "provenance:approve-untracked" });
    expect(await policy.evaluate(call("privileged", [], false, false))).toMatchObject({ effect: "require-approval", ruleId: "provenance:approve-undeclared-privileged" });
    expect(await policy.evaluate(call("write", [], true, false))).toMatchObject({ effect: "require-approval", ruleId: "taint:approve-undeclared-write" });
    expect(await policy.evaluate(call("write", [], false, false))).toMatchObject({ effect: "allow" });
    expect(await policy.evaluate(call("read", [false], true))).toMatchObject({ effect: "allow", ruleId: "risk:allow-read" });
  });

  it("joins a document that names the profile, its own rules first", async () => {
    const { createEnginePolicy } = await import("./engine-policy.js");
    const { policyDocumentSchema } = await import("./policy-document.js");
    const document = policyDocumentSchema.parse({ profile: "data-flow", default: "deny", rules: [{ id: "no-refunds", tool: "refund", effect: "deny", reason: "refunds go through the desk" }] });
    const joined = createEnginePolicy(document, { clock });
    expect(await joined.evaluate({ ...call("privileged", [true]), toolName: "refund" })).toMatchObject({ effect: "deny", ruleId: "no-refunds" });
    expect(await joined.evaluate(call("privileged", [true]))).toMatchObject({ effect: "allow", ruleId: "provenance:allow-proven-privileged" });
    expect(joined.rules.map((rule) => rule.id)).toContain("provenance:approve-unproven-write");
    expect(() => policyDocumentSchema.parse({ profile: "lenient", rules: [] })).toThrow(/strict|data-flow/);
  });
});
