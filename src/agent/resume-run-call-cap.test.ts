// The per-run call cap carries across a pause: a resumed run counts on from the calls it proposed before, kept in the paused state.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAuditSigner } from "../audit/index.js";
import { scriptedModel } from "../model/scripted.js";
import { openApprovalStore, storeApprover } from "../policy/approvals/index.js";
import type { ApprovalStore } from "../policy/approvals/index.js";
import { riskPolicy } from "../policy/risk-policy.js";
import { defineTool } from "../tool/define-tool.js";
import { createToolRegistry } from "../tool/registry.js";
import { pausedRuns } from "./paused-runs.js";
import { resumeRun } from "./resume-run.js";
import { runAgent } from "./run-agent.js";
import { runStateKeyFrom } from "./sealed-run-state.js";

const key = createAuditSigner({ hmacSecret: "resume-cap-test-deployment-key-0123" });
const dirs: string[] = [];
const opened: ApprovalStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tools() {
  const ran: string[] = [];
  const lookup = defineTool({
    name: "lookup",
    description: "Looks a word up.",
    area: "docs",
    risk: "read",
    input: { type: "object", properties: { word: { type: "string" } }, required: ["word"], additionalProperties: false },
    execute: (args: { word: string }) => {
      ran.push(args.word);
      return { word: args.word };
    },
  });
  const transfer = defineTool({
    name: "bank.transfer",
    description: "Move money.",
    area: "banking",
    risk: "privileged",
    input: { type: "object", properties: { to: { type: "string" } }, required: ["to"], additionalProperties: false },
    execute: (args: { to: string }) => {
      ran.push(`transfer:${args.to}`);
      return { ok: true };
    },
  });
  return { registry: createToolRegistry({ tools: [lookup, transfer] }), ran };
}

const call = (name: string, args: object) => ({ name, arguments: JSON.stringify(args) });

async function pausedAfterThreeCalls() {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-resume-cap-"));
  dirs.push(dir);
  const store = await openApprovalStore(`sqlite:${join(dir, "approvals.db")}`, { signer: key });
  opened.push(store);
  const { registry, ran } = tools();
  const trace = await runAgent({
    model: scriptedModel([{ toolCalls: [call("lookup", { word: "a" }), call("lookup", { word: "b" })] }, { toolCalls: [call("bank.transfer", { to: "bob" })] }]),
    tools: registry,
    messages: [{ role: "user", content: "look up a and b, then pay bob" }],
    policy: riskPolicy(),
    callCaps: { perRun: 4 },
    approver: storeApprover({ store, verifier: key.verifier }),
    onApprovalPending: pausedRuns(store, runStateKeyFrom(key)).save,
  });
  const [pending] = await store.list({ status: "pending" });
  await store.approve(pending!.request.approvalId, { approver: "alice", reason: "ok" });
  return { trace, store, registry, ran };
}

describe("the per-run call cap across pause and resume", () => {
  it("keeps the count in the paused state and refuses calls past the cap after resuming", async () => {
    const { trace, store, registry, ran } = await pausedAfterThreeCalls();
    expect(trace.stopReason).toBe("approval-pending");
    const runs = pausedRuns(store, runStateKeyFrom(key));
    const state = (await runs.load(trace.id))!;
    expect(state.callsProposed).toBe(3);

    // After the approved transfer (call 3) the model proposes three more lookups: only the 4th call of the run runs.
    const model = scriptedModel([{ toolCalls: [call("lookup", { word: "c" }), call("lookup", { word: "d" }), call("lookup", { word: "e" })] }, "Done."]);
    const resumed = await resumeRun({ state, approvals: store, runs, model, tools: registry, policy: riskPolicy(), callCaps: { perRun: 4 }, approver: storeApprover({ store, verifier: key.verifier }) });
    expect(ran).toEqual(["a", "b", "transfer:bob", "c"]);
    const refused = resumed.calls.filter((record) => !record.outcome.ok && record.outcome.error.code === "limit_exceeded");
    expect(refused.map((record) => record.verdicts.find((verdict) => verdict.stage === "policy")?.ruleId)).toEqual(["limit:calls-per-run", "limit:calls-per-run"]);
    expect(refused[0]!.verdicts.find((verdict) => verdict.stage === "policy")?.detail).toMatchObject({ max: 4, proposed: 5 });
  });

  it("control: with the caps off on resume the same calls all run, so the cap is what refused them above", async () => {
    const { trace, store, registry, ran } = await pausedAfterThreeCalls();
    const runs = pausedRuns(store, runStateKeyFrom(key));
    const state = (await runs.load(trace.id))!;
    const model = scriptedModel([{ toolCalls: [call("lookup", { word: "c" }), call("lookup", { word: "d" }), call("lookup", { word: "e" })] }, "Done."]);
    await resumeRun({ state, approvals: store, runs, model, tools: registry, policy: riskPolicy(), callCaps: false, approver: storeApprover({ store, verifier: key.verifier }) });
    expect(ran).toEqual(["a", "b", "transfer:bob", "c", "d", "e"]);
  });
});
