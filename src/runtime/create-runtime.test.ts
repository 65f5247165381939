// createRuntime from the documented example: the runtime runs, records, parks approvals and resumes; mistakes are refused by setting, and nothing stays open.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openAuditStore } from "../audit/index.js";
import { scriptedModel } from "../model/index.js";
import { createRuntime } from "./create-runtime.js";
import { loadRuntimeConfig } from "./load-config.js";
import { RuntimeConfigError } from "./runtime-error.js";

const example = fileURLToPath(new URL("../../docs/toolgate.example.yaml", import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-runtime-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const findMaria = { toolCalls: [{ name: "find_customer", arguments: '{"email":"maria.lopez@example.com"}' }] };
const refund = { toolCalls: [{ name: "issue_refund", arguments: '{"customer_id":"C-1001","amount_cents":1500,"reason":"Late fee waived"}' }] };

/** The documented example with its stores moved into a fresh directory. */
function exampleIn(dir: string) {
  const config = loadRuntimeConfig(example);
  return { ...config, dataDir: dir, audit: `sqlite:${join(dir, "audit.db")}`, approvals: `sqlite:${join(dir, "approvals.db")}`, limits: { ...config.limits, counters: `sqlite:${join(dir, "limits.db")}` } };
}

describe("createRuntime", () => {
  it("assembles the documented example: bm25 routing, the principal, spotlighting, an audit record per run", async () => {
    const dir = tempDir();
    const runtime = await createRuntime(exampleIn(dir), { cwd: dir, env: {}, model: scriptedModel([findMaria, "Found Maria."], "openai-compatible:http://127.0.0.1:1/v1#scripted") });
    try {
      expect(runtime.tools.tools).toHaveLength(13);
      expect(runtime.maxSteps).toBe(8);
      expect(runtime.selectTools).toBeTypeOf("function");
      expect(runtime.governance.principal).toEqual({ id: "alice", roles: ["support"] });
      expect(runtime.governance.taint).toBeDefined();
      const trace = await runtime.run("find maria.lopez@example.com");
      expect(trace.text).toBe("Found Maria.");
      expect(trace.calls.map((call) => [call.toolName, call.status])).toEqual([["find_customer", "succeeded"]]);
      expect(trace.steps[0]?.routing?.router).toBe("bm25");
      expect(runtime.auditUrl).toBe(`sqlite:${join(dir, "audit.db")}`);
    } finally {
      await runtime.close();
    }
    const audit = await openAuditStore(`sqlite:${join(dir, "audit.db")}`, { cwd: dir });
    try {
      expect((await audit.listTraces({ limit: 5 })).map((run) => run.calls)).toEqual([1]);
    } finally {
      await audit.close();
    }
  });

  it("with approvals configured, parks a privileged call and pauses; resume runs it once it is approved", async () => {
    const dir = tempDir();
    const config = { ...exampleIn(dir), router: undefined, audit: false as const };
    const model = scriptedModel([refund, "Refunded."], "openai-compatible:http://127.0.0.1:1/v1#scripted");
    const first = await createRuntime(config, { cwd: dir, env: {}, model });
    const paused = await first.run("refund maria $15");
    const [pending] = await first.approvals!.list({ status: "pending" });
    await first.approvals!.approve(pending!.request.approvalId, { approver: "bob" });
    await first.close();
    expect(paused.stopReason).toBe("approval-pending");

    // Another process: a fresh runtime from the same configuration continues the run.
    const second = await createRuntime(config, { cwd: dir, env: {}, model });
    try {
      const resumed = await second.resume(paused.id);
      expect(resumed).toMatchObject({ id: paused.id, stopReason: "no-tool-calls", text: "Refunded." });
      expect(resumed.calls.map((call) => call.status)).toEqual(["succeeded"]);
      await expect(second.resume("no-such-run")).rejects.toThrow(/^no paused run no-such-run in sqlite:/);
    } finally {
      await second.close();
    }
  });

  it("refuses a broken setting by its name, and leaves no store open", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad-policy.yaml"), "rules:\n  - id: x\n    effect: deny\n");
    writeFileSync(join(dir, "rate.yaml"), "default: allow\nrules:\n  - id: one-a-day\n    tool: find_customer\n    effect: rate-limit\n    limit: { max: 1, window: 1d }\n");
    const model = scriptedModel([]);
    const refusals = [
      [{ policy: "bad-policy.yaml" }, "policy", /^the policy file is not valid \(run `toolgate policy check bad-policy\.yaml`\):\n.*bad-policy\.yaml:2: rules\[0\]\.reason: a deny rule needs a reason/],
      [{ pins: "nope.json" }, "pins", /^pins nope\.json: no such file; create it with `toolgate tools pin --out nope\.json`/],
      [{ tools: "missing.ts" }, "tools", /^tools missing\.ts: no such file/],
      [{ policy: "rate.yaml", limits: { counters: "redis://x" } }, "limits.counters", /^limits\.counters.*redis:\/\/x.*postgres:\/\//],
      [{ audit: "mysql://x" }, "audit", /^audit: /],
    ] as const;
    for (const [config, setting, message] of refusals) {
      const attempt = createRuntime({ ...config, dataDir: dir }, { cwd: dir, env: {}, model });
      await expect(attempt).rejects.toBeInstanceOf(RuntimeConfigError);
      const error = (await attempt.catch((caught: unknown) => caught)) as RuntimeConfigError;
      expect(error.setting).toBe(setting);
      expect(error.message).toMatch(message);
    }
    // Every refusal closed what it had opened: the example catalog's database can be removed and reopened at once.
    rmSync(join(dir, "customer-service.db"), { force: true });
  });
});
