// An in-memory chain built with the real planner, for testing planning and verification without a database.
import type { StoredEventRow } from "../chain.js";
import { genesisHash } from "../chain.js";
import type { BatchEntry, BatchPlan, ChainHeadState, PruneCut } from "../batch-plan.js";
import { planBatch } from "../batch-plan.js";
import type { SignedHead } from "../checkpoint.js";
import { prepareAuditEvent } from "../event-input.js";
import type { AuditSigner } from "../signer.js";
import type { AuditEventInput, VerifyReport } from "../types.js";
import { verifyChain } from "../verify-chain.js";

export interface MemoryChain {
  rows: StoredEventRow[];
  head: SignedHead | undefined;
  state(): ChainHeadState;
  commit(entries: BatchEntry[]): BatchPlan;
  append(...inputs: AuditEventInput[]): BatchPlan;
  cutFor(beforeMs: number): PruneCut;
  verify(batchSize?: number): Promise<VerifyReport>;
}

export function memoryChain(signer: AuditSigner, options: { checkpointEvery?: number; now?: () => Date } = {}): MemoryChain {
  let clockTick = Date.parse("2026-01-01T00:00:00.000Z");
  const now = options.now ?? (() => new Date((clockTick += 1000)));
  const chain: MemoryChain = {
    rows: [],
    head: undefined,
    state() {
      return { seq: chain.head?.headSeq ?? 0, hash: chain.head?.headHash ?? genesisHash, lastCheckpointSeq: chain.head?.lastCheckpointSeq ?? 0 };
    },
    commit(entries) {
      const plan = planBatch(chain.state(), entries, { signer, now: now(), checkpointEvery: options.checkpointEvery ?? 1000 });
      chain.rows.push(...plan.rows);
      if (plan.deleteBelow !== undefined) chain.rows = chain.rows.filter((row) => row.seq >= plan.deleteBelow!);
      chain.head = plan.head;
      return plan;
    },
    append(...inputs) {
      return chain.commit([{ kind: "append", events: inputs.map((input, index) => prepareAuditEvent(input, `events[${index}]`, { redactionDigest: signer.redactionDigest })) }]);
    },
    cutFor(beforeMs) {
      const kept = chain.rows.find((row) => row.atMs >= beforeMs);
      const cutSeq = kept?.seq ?? chain.state().seq + 1;
      const removed = chain.rows.filter((row) => row.seq < cutSeq).length;
      return { cutSeq, removed, lastRemovedHash: chain.rows.find((row) => row.seq === cutSeq - 1)?.hash };
    },
    verify(batchSize = 7) {
      const rows = [...chain.rows].sort((a, b) => a.seq - b.seq);
      const batches: StoredEventRow[][] = [];
      for (let index = 0; index < rows.length; index += batchSize) batches.push(rows.slice(index, index + batchSize));
      const latestRetention = [...rows].reverse().find((row) => row.type === "retention.pruned");
      return verifyChain({ head: chain.head, latestRetention, batches }, signer.verifier);
    },
  };
  return chain;
}

/** `count` events over a few traces: run.started, call.proposed/executed, run.finished. */
export function sampleInputs(count: number, startMs = Date.parse("2026-01-01T00:00:00.000Z")): AuditEventInput[] {
  return Array.from({ length: count }, (_, index): AuditEventInput => {
    const trace = `trace-${Math.floor(index / 4)}`;
    const at = new Date(startMs + index * 1000).toISOString();
    switch (index % 4) {
      case 0:
        return { type: "run.started", traceId: trace, at, data: { model: "scripted:test", input: `question ${index}` } };
      case 1:
        return { type: "call.proposed", traceId: trace, callId: `${trace}-call`, at, data: { name: "lookup", arguments: { id: index } } };
      case 2:
        return { type: "call.executed", traceId: trace, callId: `${trace}-call`, at, data: { status: "succeeded", result: { ok: true } } };
      default:
        return { type: "run.finished", traceId: trace, at, data: { stopReason: "no-tool-calls" } };
    }
  });
}
