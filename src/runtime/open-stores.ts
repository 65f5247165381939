// The stores a runtime writes to — audit trail, approvals, rate-limit counters — opened from their URLs with the deployment key.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { PausedRuns, RunState } from "../agent/index.js";
import { pausedRuns, runStateKeyFrom } from "../agent/index.js";
import type { AuditSigner, AuditStoreOptions, ChainedAuditStore } from "../audit/index.js";
import { AuditConfigError, createAuditSigner, defaultAuditKeyPath, openAuditStore, resolveAuditKey } from "../audit/index.js";
import type { CaptureStore } from "../capture/index.js";
import { CaptureStoreError, openCaptureStore } from "../capture/index.js";
import type { ApprovalStore, Approver, CounterStore } from "../policy/index.js";
import { defaultApprovalStoreUrl, defaultLimitsStoreUrl, openApprovalStore, openCounterStore, storeApprover } from "../policy/index.js";
import type { SettingLabel } from "./runtime-error.js";
import { configKeyLabel, RuntimeConfigError } from "./runtime-error.js";

interface StoreWhere {
  dataDir: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  label?: SettingLabel;
}

const auditFileName = "audit.db";

/** `sqlite:<data dir>/audit.db`: the trail sits beside the example catalog and the other default stores. */
export function defaultAuditUrl(dataDir: string): string {
  return `sqlite:${join(dataDir, auditFileName)}`;
}

/**
 * Opens the audit trail to record to (`sqlite:<data dir>/audit.db` by default), signing with TOOLGATE_AUDIT_KEY or the
 * key file beside the store, created on first use.
 */
export async function openAuditTrail(url: string | undefined, where: StoreWhere & Pick<AuditStoreOptions, "durability">): Promise<ChainedAuditStore> {
  const target = url ?? defaultAuditUrl(where.dataDir);
  const label = where.label ?? configKeyLabel;
  try {
    const { signer } = resolveAuditKey({ env: where.env, keyPath: defaultAuditKeyPath(target, where.cwd), cwd: where.cwd, create: true });
    return await openAuditStore(target, { signer, cwd: where.cwd, ...(where.durability ? { durability: where.durability } : {}) });
  } catch (error) {
    if (error instanceof AuditConfigError) throw new RuntimeConfigError("audit", `${label("audit")}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Opens the approval store (`sqlite:<data dir>/approvals.db` by default). Deciding signs with the deployment key
 * (created on first use); reading needs no key.
 */
export async function openApprovals(url: string | undefined, where: StoreWhere & { access: "read" | "decide" }): Promise<ApprovalStore> {
  const target = url ?? defaultApprovalStoreUrl(where.dataDir);
  let signer: AuditSigner;
  try {
    signer = resolveAuditKey({ env: where.env, keyPath: defaultAuditKeyPath(target, where.cwd), cwd: where.cwd, create: where.access === "decide" }).signer;
  } catch (error) {
    if (where.access === "decide" || !(error instanceof AuditConfigError)) {
      throw new RuntimeConfigError("approvals", error instanceof Error ? error.message : String(error), { cause: error });
    }
    // Listing never signs; a throwaway key keeps the store's shape without touching the real one.
    signer = createAuditSigner({ hmacSecret: randomBytes(32).toString("hex") });
  }
  try {
    return await openApprovalStore(target, { signer, cwd: where.cwd });
  } catch (error) {
    throw new RuntimeConfigError("approvals", error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * How a run waits for people through the store: each call needing approval becomes a pending request, the run's state
 * is saved, and only a grant signed with the deployment key lets the call run on resume.
 */
export function storeApprovalHooks(store: ApprovalStore, where: { cwd: string; env: NodeJS.ProcessEnv }): { approver: Approver; onApprovalPending: (state: RunState) => Promise<void> } {
  const signer = resolveAuditKey({ env: where.env, keyPath: defaultAuditKeyPath(store.url, where.cwd), cwd: where.cwd, create: true }).signer;
  return { approver: storeApprover({ store, verifier: signer.verifier }), onApprovalPending: pausedRuns(store, runStateKeyFrom(signer)).save };
}

/** The paused runs kept in the store, sealed with a key derived from the deployment key (the one that signs approvals). */
export function storePausedRuns(store: ApprovalStore, where: { cwd: string; env: NodeJS.ProcessEnv }): PausedRuns {
  const signer = resolveAuditKey({ env: where.env, keyPath: defaultAuditKeyPath(store.url, where.cwd), cwd: where.cwd, create: true }).signer;
  return pausedRuns(store, runStateKeyFrom(signer));
}

/** Where rate-limit and budget counters live: sqlite:<file> or postgres://…, else `<data dir>/limits.db`. */
export async function openCounters(url: string | undefined, where: Omit<StoreWhere, "env">): Promise<CounterStore> {
  const label = where.label ?? configKeyLabel;
  try {
    return await openCounterStore(url ?? defaultLimitsStoreUrl(where.dataDir), { cwd: where.cwd });
  } catch (error) {
    throw new RuntimeConfigError("limits.counters", `${label("limits.counters")}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Opens the content capture store (opt-in: only when `capture` is set), with the keyed digest masked values get: the
 * deployment key (TOOLGATE_AUDIT_KEY, else the key file beside the store, created on first use).
 */
export async function openCapture(url: string, where: StoreWhere): Promise<{ store: CaptureStore; redactionDigest: (value: string) => string }> {
  const label = where.label ?? configKeyLabel;
  try {
    const { signer } = resolveAuditKey({ env: where.env, keyPath: defaultAuditKeyPath(url, where.cwd), cwd: where.cwd, create: true });
    const store = await openCaptureStore(url, { cwd: where.cwd });
    return { store, redactionDigest: (value) => signer.redactionDigest(value) };
  } catch (error) {
    if (error instanceof AuditConfigError || error instanceof CaptureStoreError) throw new RuntimeConfigError("capture", `${label("capture")}: ${error.message}`, { cause: error });
    throw error;
  }
}
