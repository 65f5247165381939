// A policy file's `allow:` reaches the run through createRuntime: an allow-listed recipient the user never typed runs with nobody asked; another asks.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scriptedModel } from "../model/index.js";
import { createRuntime } from "./create-runtime.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const sendTo = (address: string) => ({ toolCalls: [{ name: "send_email", arguments: JSON.stringify({ to_address: address, subject: "Statement", body: "Your statement is attached." }) }] });

describe("createRuntime with a policy file's allow-lists", () => {
  it("proves an allow-listed address under data-flow, and only that one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-allow-runtime-"));
    dirs.push(dir);
    writeFileSync(join(dir, "policy.yaml"), 'profile: data-flow\nallow:\n  email: ["*@ourbank.example"]\nrules: []\n');
    const model = scriptedModel([sendTo("desk@ourbank.example"), sendTo("desk@ourbank-example.com"), "Done."], "openai-compatible:http://127.0.0.1:1/v1#scripted");
    const runtime = await createRuntime({ dataDir: dir, policy: "policy.yaml", audit: false }, { cwd: dir, env: {}, model });
    try {
      const trace = await runtime.run("send my statement to the bank's desk");
      expect(trace.calls.map((call) => [call.proposed.arguments, call.status])).toEqual([
        [expect.stringContaining("desk@ourbank.example"), "succeeded"],
        [expect.stringContaining("desk@ourbank-example.com"), "rejected"],
      ]);
      expect(trace.calls[0]!.provenance?.find((entry) => entry.path === "/to_address")).toMatchObject({ proven: true, sources: [{ origin: "allow-list", entry: "*@ourbank.example" }] });
      expect(trace.calls[1]!.verdicts.find((verdict) => verdict.stage === "policy")?.ruleId).toBe("provenance:approve-unproven-write");
    } finally {
      await runtime.close();
    }
  });
});
