// Verification passes a clean chain and names the first broken link for every kind of tampering, across batch boundaries.
import { describe, expect, it } from "vitest";
import type { StoredEventRow } from "./chain.js";
import { linkEvent, recomputeHash } from "./chain.js";
import { signCheckpoint, signHead, storeTraceId } from "./checkpoint.js";
import { createAuditSigner } from "./signer.js";
import { memoryChain, sampleInputs } from "./test-support/memory-chain.js";
import type { VerifyReport } from "./types.js";
import { anchorFor } from "./verify-chain.js";

const signer = createAuditSigner({ hmacSecret: "verify-chain-test-secret" });
const forger = createAuditSigner({ hmacSecret: "someone-else-entirely" });

/** 30 events with checkpoints every 8: seqs 1..33, checkpoints at 9, 18, 27. */
function recorded() {
  const chain = memoryChain(signer, { checkpointEvery: 8 });
  for (let index = 0; index < 30; index += 5) chain.append(...sampleInputs(30).slice(index, index + 5));
  return chain;
}

const at = (chain: ReturnType<typeof recorded>, seq: number) => chain.rows.find((row) => row.seq === seq)!;
const expectProblem = (report: VerifyReport, seq: number, kind: string) => {
  expect(report.ok).toBe(false);
  expect(report.firstProblem).toMatchObject({ seq, kind });
};

describe("verifyChain", () => {
  it("passes a clean chain whatever the batch size", async () => {
    const chain = recorded();
    expect(chain.rows.map((row) => row.seq)).toEqual(Array.from({ length: 33 }, (_, index) => index + 1));
    for (const size of [1, 7, 1000]) {
      expect(await chain.verify(size)).toEqual({ ok: true, eventsChecked: 33, checkpointsChecked: 3 });
    }
  });

  it("passes an empty chain with or without its genesis head", async () => {
    const chain = memoryChain(signer);
    expect((await chain.verify()).ok).toBe(true);
    chain.head = signHead(signer, { seq: 0, hash: "0".repeat(64), lastCheckpointSeq: 0 }, "2026-01-01T00:00:00.000Z");
    expect((await chain.verify()).ok).toBe(true);
  });

  it("detects an edit of each hashed field at the edited event", async () => {
    const edits: Array<(row: StoredEventRow) => void> = [
      (row) => (row.type = "call.proposes"),
      (row) => (row.traceId = `${row.traceId}x`),
      (row) => (row.callId = "trace-3-calm"),
      (row) => (row.at = row.at.replace("00:00:1", "00:00:2")),
      (row) => (row.data = row.data.replace('"id":', '"iD":')),
      (row) => (row.redacted = '["/x"]'),
      (row) => (row.hash = `${row.hash.startsWith("0") ? "1" : "0"}${row.hash.slice(1)}`),
    ];
    for (const edit of edits) {
      const chain = recorded();
      const before = { ...at(chain, 15) };
      edit(at(chain, 15));
      expect(at(chain, 15)).not.toEqual(before);
      for (const size of [1, 7]) expectProblem(await chain.verify(size), 15, "hash-mismatch");
    }
  });

  it("detects an edited prevHash as a broken link, and an edited schema version or time index as schema", async () => {
    let chain = recorded();
    at(chain, 14).prevHash = `${at(chain, 14).prevHash.startsWith("0") ? "1" : "0"}${at(chain, 14).prevHash.slice(1)}`;
    expectProblem(await chain.verify(), 14, "broken-link");
    chain = recorded();
    at(chain, 14).schemaVersion = 9;
    expectProblem(await chain.verify(), 14, "schema");
    chain = recorded();
    at(chain, 14).atMs += 1;
    expectProblem(await chain.verify(), 14, "schema");
  });

  it("detects a deleted event and an edited seq as a gap at the missing seq", async () => {
    let chain = recorded();
    chain.rows = chain.rows.filter((row) => row.seq !== 14);
    expectProblem(await chain.verify(), 14, "gap");
    chain = recorded();
    at(chain, 14).seq = 94;
    chain.rows.sort((a, b) => a.seq - b.seq);
    expectProblem(await chain.verify(), 14, "gap");
  });

  it("detects swapped rows as reordered when both are in one batch, as a broken link otherwise", async () => {
    const chain = recorded();
    const [a, b] = [at(chain, 14), at(chain, 15)];
    [a.seq, b.seq] = [15, 14];
    chain.rows.sort((x, y) => x.seq - y.seq);
    expectProblem(await chain.verify(1000), 14, "reordered");
    expectProblem(await chain.verify(1), 14, "broken-link");
  });

  it("detects a cut tail against the signed head record", async () => {
    const chain = recorded();
    chain.rows = chain.rows.filter((row) => row.seq <= 25);
    const report = await chain.verify();
    expectProblem(report, 26, "missing-tail");
    expect(report.firstProblem?.message).toMatch(/events 26–33 are missing.*signed head record is at seq 33/);
  });

  it("detects a cut tail even when the head record is deleted too", async () => {
    const chain = recorded();
    chain.rows = chain.rows.filter((row) => row.seq <= 25);
    chain.head = undefined;
    expectProblem(await chain.verify(), 26, "missing-tail");
  });

  it("detects a head record rolled back to an older state by its last-checkpoint field", async () => {
    const chain = recorded();
    const older = signHead(forger, { seq: 25, hash: at(chain, 25).hash, lastCheckpointSeq: 18 }, "2026-01-01T00:00:00.000Z");
    chain.rows = chain.rows.filter((row) => row.seq <= 25);
    chain.head = older;
    expectProblem(await chain.verify(), 25, "bad-checkpoint");
  });

  it("detects an event appended without the key, even with a correct link and hash", async () => {
    const chain = recorded();
    const last = at(chain, 33);
    const forged = linkEvent({ type: "call.executed", traceId: "trace-0", callId: "trace-0-call", at: last.at, atMs: last.atMs, data: { status: "succeeded" }, dataText: '{"status":"succeeded"}', redacted: [] }, 34, last.hash);
    chain.rows.push(forged);
    const report = await chain.verify();
    expectProblem(report, 34, "broken-link");
    expect(report.firstProblem?.message).toMatch(/beyond the signed head record/);
  });

  it("detects an event inserted in the middle (later rows renumbered) at the event after it", async () => {
    const chain = recorded();
    const previous = at(chain, 13);
    const forged = linkEvent({ type: "call.verdict", traceId: "trace-3", at: previous.at, atMs: previous.atMs, data: { outcome: "approved" }, dataText: '{"outcome":"approved"}', redacted: [] }, 14, previous.hash);
    for (const row of chain.rows) if (row.seq >= 14) row.seq += 1;
    chain.rows.push(forged);
    chain.rows.sort((a, b) => a.seq - b.seq);
    expectProblem(await chain.verify(), 15, "broken-link");
  });

  it("detects a rewrite with recomputed hashes at the first checkpoint it crosses, or after the last one", async () => {
    let chain = recorded();
    rewriteFrom(chain.rows, 11);
    expectProblem(await chain.verify(), 18, "bad-checkpoint");
    chain = recorded();
    rewriteFrom(chain.rows, 29);
    const report = await chain.verify();
    expectProblem(report, 28, "hash-mismatch");
    expect(report.firstProblem?.message).toMatch(/events 28–33 were rewritten/);
  });

  it("detects a checkpoint replaced by one signed with another key", async () => {
    const chain = recorded();
    const checkpoint = at(chain, 18);
    checkpoint.data = JSON.stringify(signCheckpoint(forger, { seq: 17, hash: checkpoint.prevHash }, checkpoint.at));
    rewriteFrom(chain.rows, 18);
    const report = await chain.verify();
    expectProblem(report, 18, "bad-checkpoint");
    expect(report.firstProblem?.message).toMatch(/not a trusted key/);
  });

  it("detects a tampered head record by its signature", async () => {
    const chain = recorded();
    chain.head = { ...chain.head!, headSeq: 40 };
    expectProblem(await chain.verify(), 40, "bad-checkpoint");
  });

  it("verifies after a retention cut and still catches tampering in what remains", async () => {
    const chain = recorded();
    chain.commit([{ kind: "prune", before: at(chain, 10).at, cut: chain.cutFor(at(chain, 10).atMs) }]);
    expect(chain.rows[0]!.seq).toBe(10);
    expect(await chain.verify()).toMatchObject({ ok: true, eventsChecked: 26 });
    at(chain, 15).data = at(chain, 15).data.replace("lookup", "lookuq");
    expectProblem(await chain.verify(), 15, "hash-mismatch");
  });

  it("detects a deleted prefix that no retention event accounts for", async () => {
    let chain = recorded();
    chain.rows = chain.rows.filter((row) => row.seq > 3);
    const report = await chain.verify();
    expectProblem(report, 1, "gap");
    expect(report.firstProblem?.message).toMatch(/no retention.pruned event accounts/);
    chain = recorded();
    chain.commit([{ kind: "prune", before: at(chain, 10).at, cut: chain.cutFor(at(chain, 10).atMs) }]);
    chain.rows = chain.rows.filter((row) => row.seq > 11);
    expectProblem(await chain.verify(), 10, "gap");
  });

  it("reports a retention event that does not say what it removed", () => {
    const row = { seq: 5, type: "retention.pruned", traceId: storeTraceId, data: '{"removed":2}' } as StoredEventRow;
    expect(anchorFor(row)).toEqual({ problem: expect.objectContaining({ seq: 5, kind: "schema" }) });
  });
});

/** What an attacker without the key can do: change from `seq` on and recompute every hash after it. */
function rewriteFrom(rows: StoredEventRow[], seq: number): void {
  rows.sort((a, b) => a.seq - b.seq);
  let previous = rows.find((row) => row.seq === seq - 1)!.hash;
  for (const row of rows.filter((candidate) => candidate.seq >= seq)) {
    if (row.seq === seq && row.type !== "checkpoint") {
      const edited = row.data.replace(/"id":\d+/, '"id":999');
      if (edited === row.data) throw new Error(`event ${seq} has no id to rewrite`);
      row.data = edited;
    }
    row.prevHash = previous;
    row.hash = recomputeHash(row);
    previous = row.hash;
  }
}
