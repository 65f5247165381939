// Two `toolgate resume` processes racing for one paused run (separate store handles on real SQLite and PostgreSQL): exactly one takes it over, the approved call runs once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
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

const key = createAuditSigner({ hmacSecret: "resume-claim-test-deployment-key-01" });
const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const dir = mkdtempSync(join(tmpdir(), "toolgate-resume-claim-"));
const schemas: string[] = [];
let count = 0;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

const backends: Array<[string, () => string]> = [
  ["sqlite", () => `sqlite:${join(dir, `approvals-${++count}.db`)}`],
  [
    "postgres",
    () => {
      const schema = `b_resume_claim_${process.pid}_${++count}`;
      schemas.push(schema);
      return `${pgUrl}?schema=${schema}`;
    },
  ],
];

function transferTool() {
  const executed: unknown[] = [];
  const transfer = defineTool({
    name: "bank.transfer",
    description: "Move money between accounts.",
    area: "banking",
    risk: "privileged",
    input: { type: "object", properties: { to: { type: "string" }, amount: { type: "integer", minimum: 1 } }, required: ["to", "amount"], additionalProperties: false },
    execute: (args: { to: string; amount: number }) => {
      executed.push(args);
      return { ok: true };
    },
  });
  return { registry: createToolRegistry({ tools: [transfer] }), executed };
}

/** Lets every racer read the paused run before any of them tries to take it over: the claim alone must decide. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === parties) release();
    return opened;
  };
}

function withClaimBarrier(store: ApprovalStore, wait: () => Promise<void>): ApprovalStore {
  return Object.assign(Object.create(store) as ApprovalStore, {
    claimRunState: async (traceId: string, expected: object | undefined, claimed: object) => {
      await wait();
      return store.claimRunState(traceId, expected, claimed);
    },
  });
}

describe.each(backends)("%s: two resumes of one paused run", (_name, freshUrl) => {
  it("exactly one takes the run over; the other is refused and the approved call runs once", async () => {
    const url = freshUrl();
    const { registry, executed } = transferTool();
    const first = await openApprovalStore(url, { signer: key });
    const paused = await runAgent({
      model: scriptedModel([{ toolCalls: [{ name: "bank.transfer", arguments: JSON.stringify({ to: "bob", amount: 5 }) }] }]),
      tools: registry,
      messages: [{ role: "user", content: "pay bob 5" }],
      policy: riskPolicy(),
      approver: storeApprover({ store: first, verifier: key.verifier }),
      onApprovalPending: pausedRuns(first, runStateKeyFrom(key)).save,
    });
    expect(paused.stopReason).toBe("approval-pending");
    const [pending] = await first.list({ status: "pending" });
    await first.approve(pending!.request.approvalId, { approver: "alice", reason: "known payee" });
    await first.close();

    // Two processes' worth of handles: each opens the store itself and reads the run as paused.
    const arrive = barrier(2);
    const racers = await Promise.all([openApprovalStore(url, { signer: key }), openApprovalStore(url, { signer: key })]);
    try {
      const outcomes = await Promise.allSettled(
        racers.map(async (store) => {
          const runs = pausedRuns(withClaimBarrier(store, arrive), runStateKeyFrom(key));
          const state = await runs.load(paused.id);
          return resumeRun({ state: state!, approvals: store, runs, model: scriptedModel(["Paid bob."]), tools: registry, policy: riskPolicy(), approver: storeApprover({ store, verifier: key.verifier }) });
        }),
      );
      const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
      const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(String(rejected[0]!.reason)).toMatch(/taken over by another resume meanwhile/);
      expect(executed).toEqual([{ to: "bob", amount: 5 }]);
      // A third resume afterwards is refused too: the run is marked resumed.
      const runs = pausedRuns(racers[0], runStateKeyFrom(key));
      const state = await runs.load(paused.id);
      expect(state?.resumedAt).toBeDefined();
      await expect(resumeRun({ state: state!, approvals: racers[0], runs, model: scriptedModel(["again"]), tools: registry, policy: riskPolicy() })).rejects.toThrow(/already resumed/);
      expect(executed).toHaveLength(1);
    } finally {
      for (const store of racers) await store.close();
    }
  });
});
