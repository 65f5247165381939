// `allow:` in a policy document: allow-lists of steering values declared in YAML, validated with located errors, part of the digest, and proving values in a run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runAgent } from "../../agent/index.js";
import { scriptedModel } from "../../model/index.js";
import { createToolRegistry, defineTool } from "../../tool/index.js";
import { createTaintTracker } from "../taint/taint-tracker.js";
import { loadPolicy, PolicyFileError } from "./load-policy.js";

const clock = () => new Date("2026-01-01T00:00:00Z");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const file = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-allow-"));
  dirs.push(dir);
  const path = join(dir, "policy.yaml");
  writeFileSync(path, text);
  return path;
};
const problemsOf = (path: string): string => {
  try {
    loadPolicy(path, { clock });
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    return (error as PolicyFileError).message;
  }
  throw new Error("expected the policy to be rejected");
};

const withAllow = `profile: data-flow
allow:
  email: ["*@ourbank.example"]
  iban: ["DE89 3704 0044 0532 0130 00"]
rules: []
`;

describe("allow-lists in the policy document", () => {
  it("loads them per steering kind, and they are part of the policy's digest", () => {
    const policy = loadPolicy(file(withAllow), { clock });
    expect(policy.allowList).toEqual({ email: ["*@ourbank.example"], iban: ["DE89 3704 0044 0532 0130 00"] });
    const without = loadPolicy(file("profile: data-flow\nrules: []\n"), { clock });
    expect(without.allowList).toBeUndefined();
    expect(without.digest).not.toBe(policy.digest);
  });

  it("rejects an unknown kind and an entry of wildcards alone, with file:line", () => {
    const unknownKind = file(`rules: []\nallow:\n  recipients: ["*@ourbank.example"]\n`);
    expect(problemsOf(unknownKind)).toContain(`${unknownKind}:3: allow: unknown field "recipients"`);
    const everything = file(`rules: []\nallow:\n  email:\n    - "*@ourbank.example"\n    - "*@*"\n`);
    expect(problemsOf(everything)).toMatch(new RegExp(`${everything.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5: allow\\.email\\[1\\]: an entry of wildcards alone would prove every value`));
    const empty = file(`rules: []\nallow:\n  url: []\n`);
    expect(problemsOf(empty)).toContain(`${empty}:3: allow.url`);
  });

  it("an allow-listed recipient runs with nobody asked under data-flow; any other address the user never typed asks", async () => {
    const policy = loadPolicy(file(withAllow), { clock });
    const sent: string[] = [];
    const sendEmail = defineTool({
      name: "send_email",
      description: "Sends an email.",
      area: "mail",
      risk: "write",
      input: { type: "object", properties: { to: { type: "string" }, body: { type: "string" } }, required: ["to", "body"], additionalProperties: false },
      steers: { "/to": "email" },
      execute: (args: { to: string; body: string }) => {
        sent.push(args.to);
        return { sent: true };
      },
    });
    const run = async (to: string) => {
      const registry = createToolRegistry({ tools: [sendEmail] });
      const trace = await runAgent({
        model: scriptedModel([{ toolCalls: [{ name: "send_email", arguments: JSON.stringify({ to, body: "statement attached" }) }] }, "Sent."]),
        tools: registry,
        messages: [{ role: "user", content: "send my statement to the bank's payments desk" }],
        policy,
        taint: createTaintTracker({ registry, provenance: { allowList: policy.allowList! } }),
      });
      return trace.calls[0]!;
    };
    const allowed = await run("Payments@OurBank.example");
    expect(allowed.status).toBe("succeeded");
    expect(allowed.provenance).toEqual([{ path: "/to", kind: "email", sources: [{ origin: "allow-list", entry: "*@ourbank.example" }], proven: true }]);
    // Same local part, another domain; and the glob's `*` does not cross the "@".
    for (const to of ["payments@ourbank.example.evil.example", "x@evil.example@ourbank.example"]) {
      const asked = await run(to);
      expect(asked.status).toBe("rejected");
      expect(asked.verdicts.find((verdict) => verdict.stage === "policy")).toMatchObject({ outcome: "approval-required", ruleId: "provenance:approve-unproven-write" });
    }
    expect(sent).toEqual(["Payments@OurBank.example"]);
  });
});
