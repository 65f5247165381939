// The approval store over SQL: pending requests, signed decisions, one-time consumption of grants, and paused run states.
import { randomUUID } from "node:crypto";
import type { AuditSigner } from "../../audit/index.js";
import { digestOf } from "../../record/index.js";
import { ApprovalStoreError } from "./errors.js";
import { signGrant } from "./grant-signature.js";
import type { SqlDriver } from "../../store/index.js";
import type { ApprovalAsk, ApprovalGrant, ApprovalRequestRecord, ApprovalStatus, ApprovalStore, StoredApproval } from "./types.js";

export interface ApprovalStoreOptions {
  /** Signs every decision: the deployment's audit key, so a row written straight into the database proves nothing. */
  signer: AuditSigner;
  now?: () => Date;
  newId?: () => string;
}

export async function createSqlApprovalStore(driver: SqlDriver, url: string, options: ApprovalStoreOptions): Promise<ApprovalStore> {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const approvals = driver.qualify("toolgate_approvals");
  const runStates = driver.qualify("toolgate_run_states");
  const asks = driver.qualify("toolgate_approval_asks");
  await driver.run(
    `CREATE TABLE IF NOT EXISTS ${approvals} (approval_id TEXT PRIMARY KEY, trace_id TEXT NOT NULL, call_id TEXT NOT NULL, status TEXT NOT NULL,
      request_json TEXT NOT NULL, grant_json TEXT, consumed_at TEXT, requested_at TEXT NOT NULL, UNIQUE (trace_id, call_id))`,
  );
  await driver.run(`CREATE TABLE IF NOT EXISTS ${runStates} (trace_id TEXT PRIMARY KEY, state_json TEXT NOT NULL, saved_at TEXT NOT NULL)`);
  // A table of its own (not a column) so stores created before asks were recorded need no migration.
  await driver.run(
    `CREATE TABLE IF NOT EXISTS ${asks} (approval_id TEXT NOT NULL, via TEXT NOT NULL, asked_at TEXT NOT NULL, ask_json TEXT NOT NULL, PRIMARY KEY (approval_id, via, asked_at))`,
  );

  const fromRow = (row: Record<string, unknown>): StoredApproval => ({
    request: JSON.parse(String(row.request_json)) as ApprovalRequestRecord,
    status: String(row.status) as ApprovalStatus,
    ...(row.grant_json ? { grant: JSON.parse(String(row.grant_json)) as ApprovalGrant } : {}),
    ...(row.consumed_at ? { consumedAt: String(row.consumed_at) } : {}),
  });
  /** The approvals of `rows` with their asks, read in one query over the same filter. */
  const withAsks = async (rows: Record<string, unknown>[], where: string, params: unknown[]): Promise<StoredApproval[]> => {
    const found = rows.map(fromRow);
    if (found.length === 0) return found;
    const askRows = await driver.all(
      `SELECT a.approval_id, a.ask_json FROM ${asks} a JOIN ${approvals} p ON p.approval_id = a.approval_id${where} ORDER BY a.asked_at`,
      params,
    );
    const byId = new Map<string, ApprovalAsk[]>();
    for (const row of askRows) {
      const id = String(row.approval_id);
      byId.set(id, [...(byId.get(id) ?? []), JSON.parse(String(row.ask_json)) as ApprovalAsk]);
    }
    return found.map((entry) => {
      const entryAsks = byId.get(entry.request.approvalId);
      return entryAsks ? { ...entry, asks: entryAsks } : entry;
    });
  };
  const get = async (approvalId: string) => {
    const [row] = await driver.all(`SELECT * FROM ${approvals} WHERE approval_id = ?`, [approvalId]);
    return row ? (await withAsks([row], " WHERE p.approval_id = ?", [approvalId]))[0] : undefined;
  };
  const findForCall = async (traceId: string, callId: string) => {
    const [row] = await driver.all(`SELECT * FROM ${approvals} WHERE trace_id = ? AND call_id = ?`, [traceId, callId]);
    return row ? (await withAsks([row], " WHERE p.trace_id = ? AND p.call_id = ?", [traceId, callId]))[0] : undefined;
  };
  const pendingOrThrow = async (approvalId: string): Promise<StoredApproval> => {
    const found = await get(approvalId);
    if (!found) throw new ApprovalStoreError(`no approval ${approvalId}`, "list the pending ones with `toolgate approvals list --status pending`");
    if (found.status !== "pending") throw new ApprovalStoreError(`approval ${approvalId} is already ${found.status}`, "a decision cannot be changed; the model must propose the call again for a new request");
    return found;
  };
  const decide = async (found: StoredApproval, grant: ApprovalGrant): Promise<StoredApproval> => {
    // Only a pending row changes: two approvers deciding at once cannot both win.
    const changed = await driver.run(`UPDATE ${approvals} SET status = ?, grant_json = ? WHERE approval_id = ? AND status = 'pending'`, [
      grant.decision,
      JSON.stringify(grant),
      grant.approvalId,
    ]);
    if (changed !== 1) throw new ApprovalStoreError(`approval ${grant.approvalId} was decided by someone else meanwhile`, "show it with `toolgate approvals show <id>`");
    return { ...found, status: grant.decision, grant };
  };

  return {
    url,
    async requestFor(request) {
      const record: ApprovalRequestRecord = { ...request, approvalId: newId(), requestedAt: now().toISOString() };
      await driver.run(
        `INSERT INTO ${approvals} (approval_id, trace_id, call_id, status, request_json, requested_at) VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT (trace_id, call_id) DO NOTHING`,
        [record.approvalId, record.traceId, record.callId, JSON.stringify(record), record.requestedAt],
      );
      return (await findForCall(record.traceId, record.callId))!;
    },
    findForCall,
    get,
    async list(filter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.status) {
        where.push("p.status = ?");
        params.push(filter.status);
      }
      if (filter.traceId) {
        where.push("p.trace_id = ?");
        params.push(filter.traceId);
      }
      const whereClause = where.length ? ` WHERE ${where.join(" AND ")}` : "";
      const rows = await driver.all(`SELECT p.* FROM ${approvals} p${whereClause} ORDER BY p.requested_at, p.approval_id`, params);
      return withAsks(rows, whereClause, params);
    },
    async approve(approvalId, input) {
      const found = await pendingOrThrow(approvalId);
      const request = found.request;
      if (request.approverRole !== undefined && !(input.roles ?? []).includes(request.approverRole)) {
        throw new ApprovalStoreError(`approval ${approvalId} needs an approver with role ${request.approverRole}`, `approve as someone holding ${request.approverRole}`);
      }
      const edited = input.editedArguments;
      const grant = signGrant(options.signer, {
        approvalId,
        traceId: request.traceId,
        decision: "approved",
        approver: input.approver,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        decidedAt: now().toISOString(),
        requestedCallDigest: request.callDigest,
        boundTo: {
          callId: request.callId,
          toolDigest: request.toolDigest,
          callDigest: edited === undefined ? request.callDigest : digestOf({ tool: request.toolName, arguments: edited }),
          ...(request.policyDigest !== undefined ? { policy: request.policyDigest } : {}),
        },
        ...(edited !== undefined ? { editedArguments: edited } : {}),
      });
      return decide(found, grant);
    },
    async deny(approvalId, input) {
      const found = await pendingOrThrow(approvalId);
      if (!input.reason) throw new ApprovalStoreError(`denying approval ${approvalId} needs a reason`, "pass --reason; the model is told it, so it can change course");
      const request = found.request;
      const grant = signGrant(options.signer, {
        approvalId,
        traceId: request.traceId,
        decision: "denied",
        approver: input.approver,
        reason: input.reason,
        decidedAt: now().toISOString(),
        requestedCallDigest: request.callDigest,
        boundTo: { callId: request.callId, toolDigest: request.toolDigest, callDigest: request.callDigest, ...(request.policyDigest !== undefined ? { policy: request.policyDigest } : {}) },
      });
      return decide(found, grant);
    },
    async noteAsk(approvalId, ask) {
      if (!(await get(approvalId))) throw new ApprovalStoreError(`no approval ${approvalId}`, "an ask is noted on an approval the store already holds");
      await driver.run(
        `INSERT INTO ${asks} (approval_id, via, asked_at, ask_json) VALUES (?, ?, ?, ?) ON CONFLICT (approval_id, via, asked_at) DO UPDATE SET ask_json = excluded.ask_json`,
        [approvalId, ask.via, ask.at, JSON.stringify(ask)],
      );
    },
    async consume(approvalId) {
      const changed = await driver.run(`UPDATE ${approvals} SET status = 'consumed', consumed_at = ? WHERE approval_id = ? AND status = 'approved'`, [now().toISOString(), approvalId]);
      return changed === 1;
    },
    async saveRunState(traceId, state) {
      await driver.run(
        `INSERT INTO ${runStates} (trace_id, state_json, saved_at) VALUES (?, ?, ?) ON CONFLICT (trace_id) DO UPDATE SET state_json = excluded.state_json, saved_at = excluded.saved_at`,
        [traceId, JSON.stringify(state), now().toISOString()],
      );
    },
    async claimRunState(traceId, expected, claimed) {
      // One compare-and-set statement: the state is sealed (the store cannot read a "resumed" mark inside it), so the
      // claim matches the exact text last read. A racer that read the same state finds it replaced and changes nothing;
      // one that read it before a later pause finds a different text too.
      const changed =
        expected === undefined
          ? await driver.run(`INSERT INTO ${runStates} (trace_id, state_json, saved_at) VALUES (?, ?, ?) ON CONFLICT (trace_id) DO NOTHING`, [traceId, JSON.stringify(claimed), now().toISOString()])
          : await driver.run(`UPDATE ${runStates} SET state_json = ?, saved_at = ? WHERE trace_id = ? AND state_json = ?`, [JSON.stringify(claimed), now().toISOString(), traceId, JSON.stringify(expected)]);
      return changed === 1;
    },
    async loadRunState(traceId) {
      const [row] = await driver.all(`SELECT state_json FROM ${runStates} WHERE trace_id = ?`, [traceId]);
      return row ? (JSON.parse(String(row.state_json)) as unknown) : undefined;
    },
    close: () => driver.close(),
  };
}
