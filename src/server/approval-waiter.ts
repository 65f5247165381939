// Waits for a person's decision on an approval, wherever it is made: PostgreSQL LISTEN/NOTIFY across replicas, polling for SQLite.
import type pg from "pg";
import type { AuditVerifier } from "../audit/index.js";
import type { ApprovalStore, StoredApproval } from "../policy/index.js";
import { inTransaction, openStore, quoteIdentifier } from "../store/index.js";
import type { PostgresStore } from "../store/index.js";

/** Notified once per decided approval (database-wide channel; the payload is the approval id). */
const approvalDecidedChannel = "toolgate_approval_decided";

export interface ApprovalWaiter {
  /** Resolves with the approval once it is decided, or undefined when `timeoutMs` passes or `signal` aborts first. */
  waitFor(approvalId: string, timeoutMs: number, signal?: AbortSignal): Promise<StoredApproval | undefined>;
  /**
   * Wakes requests held in this process on `approvalId` at once (a dashboard in the same process calls it after
   * deciding). Decisions made anywhere else reach held requests anyway, by NOTIFY or by polling.
   */
  decided(approvalId: string): void;
  /** How many requests this process is holding now (the held-approvals gauge). */
  readonly holding: number;
  close(): Promise<void>;
}

/** How the gateway holds calls needing a person: where they are recorded, how it waits, whose signatures it trusts, how long. */
export interface ApprovalHold {
  store: ApprovalStore;
  waiter: ApprovalWaiter;
  /** Trusts the key the approval store signs decisions with; an unsigned or foreign decision releases nothing. */
  verifier: AuditVerifier;
  /** Longest time a request is held (0: return pending at once). */
  holdMs: number;
  /**
   * While held, a byte this often keeps proxies and load balancers from cutting the idle connection (default 15 000):
   * an SSE comment in a stream; in a plain response the 200 status goes out at once and whitespace (which JSON ignores)
   * precedes the completion.
   */
  heartbeatMs?: number;
}

export const defaultHeartbeatMs = 15_000;

interface Held {
  wake: () => void;
}

/**
 * Shared bookkeeping of both waiters: held requests by approval id, each re-reading the store when woken, so a
 * decision is only ever taken from the store, never from a notification's payload.
 */
function heldRequests(store: ApprovalStore, pollMs: number | undefined): Omit<ApprovalWaiter, "close"> & { wakeAll(): void } {
  const held = new Map<string, Set<Held>>();
  let count = 0;
  return {
    get holding() {
      return count;
    },
    decided(approvalId) {
      for (const entry of held.get(approvalId) ?? []) entry.wake();
    },
    wakeAll() {
      for (const entries of held.values()) for (const entry of entries) entry.wake();
    },
    async waitFor(approvalId, timeoutMs, signal) {
      const deadline = Date.now() + timeoutMs;
      let wake: () => void = () => undefined;
      const entry: Held = { wake: () => wake() };
      const entries = held.get(approvalId) ?? new Set<Held>();
      held.set(approvalId, entries);
      entries.add(entry);
      count++;
      try {
        // Registered before the first read: a decision landing between the read and the wait still wakes us.
        for (;;) {
          const woken = new Promise<void>((resolve) => (wake = resolve));
          const current = await store.get(approvalId);
          if (current && current.status !== "pending") return current;
          const left = deadline - Date.now();
          if (left <= 0 || signal?.aborted) return undefined;
          let timer: NodeJS.Timeout | undefined;
          const onAbort = () => wake();
          signal?.addEventListener("abort", onAbort, { once: true });
          await Promise.race([woken, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(left, pollMs ?? left))))]);
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
        }
      } finally {
        entries.delete(entry);
        if (entries.size === 0) held.delete(approvalId);
        count--;
      }
    },
  };
}

/** For SQLite (one machine): re-reads the store every `pollMs` while a request is held. */
export function pollingApprovalWaiter(store: ApprovalStore, pollMs = 250): ApprovalWaiter {
  const held = heldRequests(store, pollMs);
  return { waitFor: held.waitFor, decided: held.decided, get holding() { return held.holding; }, close: async () => undefined };
}

/**
 * For PostgreSQL: a trigger on the approvals table notifies on every decision, whoever makes it (another replica,
 * `toolgate approvals approve`, the dashboard), and one LISTEN connection per process wakes the held requests.
 * A slow poll stays as a safety net for a dropped connection.
 */
export async function postgresApprovalWaiter(store: ApprovalStore, url: string, options: { cwd?: string; safetyPollMs?: number } = {}): Promise<ApprovalWaiter> {
  const opened = await openStore(url, { cwd: options.cwd ?? process.cwd(), what: "approval store", poolSize: 1 });
  if (opened.kind !== "postgres") {
    await opened.close();
    throw new Error(`LISTEN/NOTIFY needs a PostgreSQL approval store, not ${opened.displayUrl}`);
  }
  const held = heldRequests(store, options.safetyPollMs ?? 5_000);
  await installDecisionTrigger(opened);
  const client: pg.PoolClient = await opened.pool.connect();
  client.on("notification", (message) => {
    if (message.channel === approvalDecidedChannel && message.payload) held.decided(message.payload);
  });
  // A broken listening connection must not crash the gateway: the safety poll keeps held requests moving.
  client.on("error", () => held.wakeAll());
  await client.query(`LISTEN ${approvalDecidedChannel}`);
  return {
    waitFor: held.waitFor,
    decided: held.decided,
    get holding() {
      return held.holding;
    },
    async close() {
      await client.query(`UNLISTEN ${approvalDecidedChannel}`).catch(() => undefined);
      client.release();
      await opened.close();
    },
  };
}

/** The approval store has made its table already; this adds (idempotently, under an advisory lock so replicas starting together do not race) the NOTIFY trigger. */
async function installDecisionTrigger(opened: PostgresStore): Promise<void> {
  const schema = quoteIdentifier(opened.schema);
  await inTransaction(opened.pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`toolgate-approval-trigger:${opened.schema}`]);
    await client.query(
      `CREATE OR REPLACE FUNCTION ${schema}.toolgate_approval_decided() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_notify('${approvalDecidedChannel}', NEW.approval_id); RETURN NEW; END $$`,
    );
    await client.query(
      `CREATE OR REPLACE TRIGGER toolgate_approval_decided AFTER UPDATE OF status ON ${schema}.toolgate_approvals
       FOR EACH ROW WHEN (OLD.status = 'pending' AND NEW.status <> 'pending') EXECUTE FUNCTION ${schema}.toolgate_approval_decided()`,
    );
  });
}

/** The waiter that fits the approval store's URL (the URL as configured: the store's own shows no password). */
export async function openApprovalWaiter(store: ApprovalStore, url: string, options: { cwd?: string; pollMs?: number } = {}): Promise<ApprovalWaiter> {
  return /^postgres(ql)?:/.test(url) ? postgresApprovalWaiter(store, url, options) : pollingApprovalWaiter(store, options.pollMs);
}
