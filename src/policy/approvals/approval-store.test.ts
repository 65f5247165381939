// The approval store against real SQLite and real PostgreSQL (fresh schema per test, dropped after): requests, signed decisions, one-time use, run states.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createAuditSigner } from "../../audit/index.js";
import { digestOf } from "../../record/index.js";
import { checkGrant } from "./grant-signature.js";
import { openApprovalStore } from "./open-approval-store.js";
import type { ApprovalStore } from "./types.js";

const signer = createAuditSigner({ hmacSecret: "approval-store-test-secret-0123456789" });
const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const dir = mkdtempSync(join(tmpdir(), "toolgate-approvals-"));
const schemas: string[] = [];
let count = 0;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
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
      const schema = `tg_approvals_${process.pid}_${++count}`;
      schemas.push(schema);
      return `${pgUrl}?schema=${schema}`;
    },
  ],
];

const request = { traceId: "t1", callId: "c1", toolName: "bank.transfer", toolDigest: "sha256:tool", callDigest: digestOf({ tool: "bank.transfer", arguments: { to: "bob", amount: 5 } }), arguments: { to: "bob", amount: 5 }, reason: "privileged" };

describe.each(backends)("%s approval store", (_name, freshUrl) => {
  const open = (url: string): Promise<ApprovalStore> => openApprovalStore(url, { signer, now: () => new Date("2026-01-02T03:04:05Z") });

  it("records one pending request per call and lists it by status", async () => {
    const store = await open(freshUrl());
    const first = await store.requestFor(request);
    const again = await store.requestFor(request);
    expect(again.request.approvalId).toBe(first.request.approvalId);
    expect(first.status).toBe("pending");
    expect((await store.list({ status: "pending" })).map((entry) => entry.request.approvalId)).toEqual([first.request.approvalId]);
    expect(await store.list({ status: "approved" })).toEqual([]);
    await store.close();
  });

  it("keeps the direct asks of an approval (MCP elicitation), updated in place, and lists them with it", async () => {
    const url = freshUrl();
    const store = await open(url);
    const { request: stored } = await store.requestFor(request);
    const other = await store.requestFor({ ...request, callId: "c2" });
    const asked = { via: "mcp-elicitation" as const, client: "claude-desktop", person: "alice", at: "2026-01-02T03:04:06.000Z", outcome: "waiting" as const };
    await store.noteAsk(stored.approvalId, asked);
    await store.noteAsk(stored.approvalId, { ...asked, outcome: "unanswered", detail: "cancelled at the client" });
    const later = { ...asked, at: "2026-01-02T03:05:00.000Z" };
    await store.noteAsk(stored.approvalId, later);
    // A second handle (the dashboard's process, in effect) reads the asks oldest first, the first one settled.
    const reader = await open(url);
    const pending = await reader.list({ status: "pending" });
    expect(Object.fromEntries(pending.map((entry) => [entry.request.callId, entry.asks]))).toEqual({
      c1: [{ ...asked, outcome: "unanswered", detail: "cancelled at the client" }, later],
      c2: undefined,
    });
    expect(other.asks).toBeUndefined();
    expect((await reader.get(stored.approvalId))?.asks).toHaveLength(2);
    expect((await reader.findForCall("t1", "c1"))?.asks?.[1]).toEqual(later);
    await expect(store.noteAsk("no-such-approval", asked)).rejects.toThrow(/no approval no-such-approval/);
    await reader.close();
    await store.close();
  });

  it("signs a grant bound to the call, consumes it once, and refuses a second decision", async () => {
    const url = freshUrl();
    const store = await open(url);
    const { request: stored } = await store.requestFor(request);
    const approved = await store.approve(stored.approvalId, { approver: "alice", reason: "ok" });
    expect(approved.grant?.boundTo).toEqual({ callId: "c1", toolDigest: "sha256:tool", callDigest: request.callDigest });
    expect(checkGrant(approved.grant!, { traceId: "t1", callId: "c1", toolName: "bank.transfer", toolDigest: "sha256:tool", callDigest: request.callDigest }, signer.verifier)).toEqual({ ok: true });
    await expect(store.deny(stored.approvalId, { approver: "mallory", reason: "no" })).rejects.toThrow(/already approved/);
    // A second handle on the same store (another process, in effect) sees the grant and can use it only once.
    const other = await open(url);
    expect(await other.consume(stored.approvalId)).toBe(true);
    expect(await store.consume(stored.approvalId)).toBe(false);
    expect((await store.get(stored.approvalId))?.status).toBe("consumed");
    await other.close();
    await store.close();
  });

  it("binds an edited grant to the edited call, denies with a reason, and keeps run states", async () => {
    const store = await open(freshUrl());
    const a = await store.requestFor(request);
    const edited = await store.approve(a.request.approvalId, { approver: "alice", editedArguments: { to: "bob", amount: 1 } });
    expect(edited.grant?.boundTo.callDigest).toBe(digestOf({ tool: "bank.transfer", arguments: { to: "bob", amount: 1 } }));
    expect(edited.grant?.requestedCallDigest).toBe(request.callDigest);
    const b = await store.requestFor({ ...request, callId: "c2" });
    await expect(store.deny(b.request.approvalId, { approver: "bob", reason: "" })).rejects.toThrow(/needs a reason/);
    const denied = await store.deny(b.request.approvalId, { approver: "bob", reason: "too much" });
    expect(denied.status).toBe("denied");
    expect(await store.consume(b.request.approvalId)).toBe(false);
    await store.saveRunState("t1", { step: 1 });
    await store.saveRunState("t1", { step: 2 });
    expect(await store.loadRunState("t1")).toEqual({ step: 2 });
    expect(await store.loadRunState("nope")).toBeUndefined();
    await store.close();
  });

  it("claims a kept run state only over the exact state last read (one compare-and-set)", async () => {
    const store = await open(freshUrl());
    expect(await store.claimRunState("t9", undefined, { step: 1, resumedAt: "x" })).toBe(true);
    expect(await store.claimRunState("t9", undefined, { step: 1, resumedAt: "y" })).toBe(false);
    await store.saveRunState("t9", { step: 2 });
    const read = (await store.loadRunState("t9")) as object;
    expect(await store.claimRunState("t9", read, { step: 2, resumedAt: "a" })).toBe(true);
    // A second racer holding the same read loses, and the winner's state stays.
    expect(await store.claimRunState("t9", read, { step: 2, resumedAt: "b" })).toBe(false);
    expect(await store.loadRunState("t9")).toEqual({ step: 2, resumedAt: "a" });
    await store.close();
  });

  it("requires the approver role the request names", async () => {
    const store = await open(freshUrl());
    const { request: stored } = await store.requestFor({ ...request, approverRole: "finance" });
    await expect(store.approve(stored.approvalId, { approver: "eve", roles: ["support"] })).rejects.toThrow(/role finance/);
    expect((await store.approve(stored.approvalId, { approver: "fay", roles: ["finance"] })).status).toBe("approved");
    await store.close();
  });
});
