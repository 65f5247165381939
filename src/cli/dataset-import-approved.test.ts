// End to end: a privileged call that paused for a person, was approved and resumed (`run --capture` → `approvals
// approve` → `resume --capture`) becomes a training row; the same call denied does not.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../dataset/index.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;

describe("approved calls in captured traces", () => {
  it("imports a run whose privileged call a person approved before it was resumed, and leaves out the denied one", { timeout: 120_000 }, async () => {
    const cwd = dirs.make();
    const stores = ["--capture", "sqlite:capture.db", "--audit", "sqlite:audit.db", "--approvals", "sqlite:approvals.db"];
    const model = ["--model", loopback.server.modelSpec];
    const refund = { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 2500, reason: "Double charge on 2026-01-02" } };

    const decideAndResume = async (decision: "approve" | "deny") => {
      loopback.server.script([{ toolCalls: [refund] }, { text: decision === "approve" ? "Refunded $25.00." : "The refund was refused." }]);
      const paused = await cli(["run", "Refund C-1001 $25 for the double charge", ...model, ...stores], cwd);
      expect(paused.code, paused.err).toBe(0);
      const traceId = /trace ([0-9a-f-]{36})/.exec(paused.out)?.[1];
      expect(traceId, paused.out).toBeDefined();
      const listed = await cli(["approvals", "list", "--status", "pending", "--approvals", "sqlite:approvals.db", "--json"], cwd);
      const approvalId = /"approvalId":\s*"([^"]+)"/.exec(listed.out)?.[1];
      expect(approvalId, listed.out).toBeDefined();
      expect((await cli(["approvals", decision, approvalId!, "--as", "alice", "--reason", "checked the statement", "--approvals", "sqlite:approvals.db"], cwd)).code).toBe(0);
      const resumed = await cli(["resume", traceId!, ...model, ...stores], cwd);
      expect(resumed.code, resumed.err).toBe(0);
      return traceId!;
    };
    const approved = await decideAndResume("approve");
    const denied = await decideAndResume("deny");

    const imported = await cli(["dataset", "import", "--format", "trace", "--capture", "sqlite:capture.db", "--audit", "sqlite:audit.db", "-o", "rows.jsonl", "--json"], cwd);
    expect(imported.code, imported.err).toBe(0);
    const [summary] = JSON.parse(imported.out) as Array<{ imported: number; rejected: number; rejectedByKind: Record<string, number> }>;
    expect(summary).toMatchObject({ imported: 1, rejected: 1, rejectedByKind: { "approval-not-granted": 1 } });
    const rows = readFileSync(join(cwd, "rows.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as DatasetRecord);
    expect(rows.map((row) => row.meta.traceId)).toEqual([approved]);
    expect(rows.map((row) => row.meta.traceId)).not.toContain(denied);
    expect(rows[0]!.messages.at(-1)).toMatchObject({ role: "assistant", content: "Refunded $25.00." });
  });
});
