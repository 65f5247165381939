// The planner links events after the head, checkpoints every N, cuts retention prefixes behind a checkpoint, and signs the new head.
import { describe, expect, it } from "vitest";
import { genesisHash, recomputeHash } from "./chain.js";
import { checkpointProblem, signedHeadProblem, storeTraceId } from "./checkpoint.js";
import { createAuditSigner } from "./signer.js";
import { memoryChain, sampleInputs } from "./test-support/memory-chain.js";

const signer = createAuditSigner({ hmacSecret: "batch-plan-test-secret" });

describe("planBatch", () => {
  it("links events in order from the genesis hash and signs the new head", () => {
    const chain = memoryChain(signer);
    const plan = chain.append(...sampleInputs(3));
    expect(plan.rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(plan.rows[0]!.prevHash).toBe(genesisHash);
    expect(plan.rows[1]!.prevHash).toBe(plan.rows[0]!.hash);
    for (const row of plan.rows) expect(recomputeHash(row)).toBe(row.hash);
    expect(plan.head).toMatchObject({ headSeq: 3, headHash: plan.rows[2]!.hash, lastCheckpointSeq: 0 });
    expect(signedHeadProblem(plan.head, signer.verifier)).toBeUndefined();
    const result = plan.results[0]!;
    expect(result.kind === "append" && result.events.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it("continues from the head of the previous batch", () => {
    const chain = memoryChain(signer);
    chain.append(...sampleInputs(2));
    const plan = chain.append(...sampleInputs(1));
    expect(plan.rows[0]).toMatchObject({ seq: 3, prevHash: chain.rows[1]!.hash });
  });

  it("writes a signed checkpoint after every N events, which callers do not receive", () => {
    const chain = memoryChain(signer, { checkpointEvery: 4 });
    const plan = chain.append(...sampleInputs(10));
    const checkpoints = plan.rows.filter((row) => row.type === "checkpoint");
    expect(checkpoints.map((row) => row.seq)).toEqual([5, 10]);
    for (const row of checkpoints) {
      expect(row.traceId).toBe(storeTraceId);
      expect(checkpointProblem(JSON.parse(row.data), { seq: row.seq - 1, hash: row.prevHash }, signer.verifier)).toBeUndefined();
    }
    expect(plan.head.lastCheckpointSeq).toBe(10);
    const result = plan.results[0]!;
    expect(result.kind === "append" && result.events.map((event) => event.type)).not.toContain("checkpoint");
    expect(result.kind === "append" && result.events).toHaveLength(10);
  });

  it("writes an explicit checkpoint over the current head", () => {
    const chain = memoryChain(signer);
    chain.append(...sampleInputs(2));
    const plan = chain.commit([{ kind: "checkpoint" }]);
    const result = plan.results[0]!;
    expect(result.kind === "checkpoint" && result.event).toMatchObject({ seq: 3, type: "checkpoint", data: { headSeq: 2, headHash: chain.rows[1]!.hash } });
    expect(plan.head.lastCheckpointSeq).toBe(3);
  });

  it("prunes a prefix behind a fresh checkpoint and records the cut", () => {
    const chain = memoryChain(signer);
    chain.append(...sampleInputs(8));
    const lastRemovedHash = chain.rows[4]!.hash;
    const before = "2026-01-01T00:00:05.000Z";
    const plan = chain.commit([{ kind: "prune", before, cut: chain.cutFor(Date.parse(before)) }]);
    expect(plan.deleteBelow).toBe(6);
    expect(plan.rows.map((row) => [row.seq, row.type])).toEqual([[9, "checkpoint"], [10, "retention.pruned"]]);
    expect(JSON.parse(plan.rows[1]!.data)).toEqual({ removed: 5, lastRemovedSeq: 5, lastRemovedHash, before, checkpointSeq: 9 });
    expect(plan.results[0]).toEqual({ kind: "prune", removed: 5 });
    expect(chain.rows[0]!.seq).toBe(6);
  });

  it("writes nothing for a prune that removes nothing", () => {
    const chain = memoryChain(signer);
    chain.append(...sampleInputs(2));
    const plan = chain.commit([{ kind: "prune", before: "2000-01-01T00:00:00.000Z", cut: chain.cutFor(Date.parse("2000-01-01T00:00:00.000Z")) }]);
    expect(plan.rows).toEqual([]);
    expect(plan.deleteBelow).toBeUndefined();
    expect(plan.results[0]).toEqual({ kind: "prune", removed: 0 });
  });
});
