// `toolgate approvals`: a run pauses in one process, a person approves (or edits, or denies) through the CLI, another process resumes it.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resumeRun } from "../agent/resume-run.js";
import { runAgent } from "../agent/run-agent.js";
import { pausedRuns, runStateKeyFrom } from "../agent/index.js";
import { resolveAuditKey } from "../audit/index.js";
import { scriptedModel } from "../model/scripted.js";
import { openApprovalStore, storeApprover } from "../policy/approvals/index.js";
import { riskPolicy } from "../policy/risk-policy.js";
import { testTools } from "../test-support/tools.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const temp = tempDirs();
afterEach(() => temp.removeAll());

/** A run that paused on bank.transfer, recorded in `<dir>/approvals.db` and signed with `<dir>/audit.key`. */
async function pausedRun(dir: string) {
  const url = `sqlite:${join(dir, "approvals.db")}`;
  const key = resolveAuditKey({ env: {}, keyPath: join(dir, "audit.key"), cwd: dir });
  const store = await openApprovalStore(url, { signer: key.signer });
  const { registry, executed } = testTools();
  const trace = await runAgent({
    model: scriptedModel([{ toolCalls: [{ name: "bank.transfer", arguments: '{"to":"bob","amount":500}' }] }]),
    tools: registry,
    messages: [{ role: "user", content: "pay bob" }],
    policy: riskPolicy(),
    approver: storeApprover({ store, verifier: key.signer.verifier }),
    onApprovalPending: pausedRuns(store, runStateKeyFrom(key.signer)).save,
  });
  await store.close();
  const [pending] = await (async () => {
    const reader = await openApprovalStore(url, { signer: key.signer });
    const list = await reader.list({ status: "pending" });
    await reader.close();
    return list;
  })();
  return { url, key, trace, registry, executed, approvalId: pending!.request.approvalId };
}

async function resume(url: string, key: ReturnType<typeof resolveAuditKey>, traceId: string, registry: ReturnType<typeof testTools>["registry"]) {
  const store = await openApprovalStore(url, { signer: key.signer });
  try {
    const runs = pausedRuns(store, runStateKeyFrom(key.signer));
    const state = (await runs.load(traceId))!;
    return await resumeRun({ state, approvals: store, runs, model: scriptedModel(["done"]), tools: registry, policy: riskPolicy(), approver: storeApprover({ store, verifier: key.signer.verifier }) });
  } finally {
    await store.close();
  }
}

describe("toolgate approvals", () => {
  it("lists the pending call, approves it with edited arguments, and the resumed run executes that once", async () => {
    const dir = temp.make();
    const { url, key, trace, registry, executed, approvalId } = await pausedRun(dir);
    expect(trace.stopReason).toBe("approval-pending");

    const list = capturedIo({ cwd: dir });
    expect(await main(["approvals", "list", "--status", "pending", "--data-dir", dir], list)).toBe(0);
    expect(list.out()).toContain(`${approvalId}  pending  bank.transfer {"to":"bob","amount":500}`);
    expect(list.out()).not.toContain("[asked");
    // An MCP client's person asked through elicitation (as src/mcp/eliciting-approver.ts notes it) shows on the line.
    const noter = await openApprovalStore(url, { signer: key.signer });
    await noter.noteAsk(approvalId, { via: "mcp-elicitation", client: "desk-client", person: "dana", at: "2026-12-07T10:00:00.000Z", outcome: "unanswered", detail: "cancelled at the client" });
    await noter.close();
    const listed = capturedIo({ cwd: dir });
    expect(await main(["approvals", "list", "--status", "pending", "--data-dir", dir], listed)).toBe(0);
    expect(listed.out()).toMatch(new RegExp(`^${approvalId}  pending .*  \\[asked dana at MCP client desk-client at 2026-12-07T10:00:00.000Z: unanswered, cancelled at the client\\]$`, "m"));

    const approve = capturedIo({ cwd: dir });
    expect(await main(["approvals", "approve", approvalId, "--as", "alice", "--reason", "capped", "--edit-args", '{"to":"bob","amount":50}', "--data-dir", dir], approve)).toBe(0);
    expect(approve.out()).toContain(`approved ${approvalId} as alice with edited arguments`);

    const show = capturedIo({ cwd: dir });
    expect(await main(["approvals", "show", approvalId, "--approvals", url], show)).toBe(0);
    expect(JSON.parse(show.out())).toMatchObject({ status: "approved", grant: { approver: "alice", editedArguments: { to: "bob", amount: 50 } } });

    const resumed = await resume(url, key, trace.id, registry);
    expect(resumed.id).toBe(trace.id);
    expect(executed).toEqual([{ tool: "bank.transfer", args: { to: "bob", amount: 50 } }]);
    expect(resumed.calls[0]?.verdicts.find((verdict) => verdict.stage === "approval")?.detail).toMatchObject({ editedBy: "alice" });
    await expect(resume(url, key, trace.id, registry)).rejects.toThrow(/already resumed/);
    expect(executed).toHaveLength(1);
  });

  it("denies with a reason the model is told, and refuses a second decision and bad input with the fix", async () => {
    const dir = temp.make();
    const { url, key, trace, registry, executed, approvalId } = await pausedRun(dir);
    const bad = capturedIo({ cwd: dir });
    expect(await main(["approvals", "approve", approvalId, "--edit-args", "{nope", "--data-dir", dir], bad)).toBe(2);
    expect(bad.err()).toMatch(/^toolgate: --edit-args is not JSON/);
    // A unique prefix of the id is enough, as for `audit show`; the full id is printed back.
    const deny = capturedIo({ cwd: dir });
    expect(await main(["approvals", "deny", approvalId.slice(0, 8), "--as", "bob", "--reason", "not a known payee", "--data-dir", dir], deny)).toBe(0);
    expect(deny.out()).toContain(`denied ${approvalId} as bob`);
    const twice = capturedIo({ cwd: dir });
    expect(await main(["approvals", "approve", approvalId, "--data-dir", dir], twice)).toBe(1);
    expect(twice.err()).toMatch(/already denied/);
    const missing = capturedIo({ cwd: dir });
    expect(await main(["approvals", "show", "nope", "--data-dir", dir], missing)).toBe(2);
    expect(missing.err()).toMatch(/approvals list --status pending/);
    const resumed = await resume(url, key, trace.id, registry);
    expect(resumed.calls[0]?.outcome).toMatchObject({ ok: false, error: { code: "approval_denied", message: expect.stringMatching(/not a known payee/) } });
    expect(executed).toEqual([]);
  });
});
