// The one contract every AuditStore backend must pass: append, read, list, verify, checkpoints, redaction, retention, group commit, tampering.
import { afterAll, describe, expect, it } from "vitest";
import type { AuditStoreOptions, ChainedAuditStore } from "../chained-store.js";
import { storeTraceId } from "../checkpoint.js";
import { AuditConfigError, AuditInputError, AuditStoreClosedError } from "../errors.js";
import { openAuditStore } from "../open-store.js";
import { createAuditSigner, createAuditVerifier, generateAuditKeyPair } from "../signer.js";
import type { AuditEvent, AuditEventInput } from "../types.js";
import { sampleInputs } from "./memory-chain.js";
import type { StoreHarness } from "./raw-sql.js";
import { readRow, recordedLayout, tamperCases } from "./tamper.js";

const keyPair = generateAuditKeyPair();
export const contractSigner = createAuditSigner({ ed25519PrivateKeyPem: keyPair.privateKeyPem });
const forger = createAuditSigner({ ed25519PrivateKeyPem: generateAuditKeyPair().privateKeyPem });

/** A clock that moves one second per reading, from a fixed start: checkpoint times are deterministic. */
function steppingClock(start = "2026-02-01T00:00:00.000Z"): () => Date {
  let now = Date.parse(start);
  return () => new Date((now += 1000));
}

export function describeAuditStoreContract(harness: StoreHarness): void {
  const open = async (url: string, options: Partial<AuditStoreOptions> = {}): Promise<ChainedAuditStore> =>
    openAuditStore(url, { signer: contractSigner, clock: steppingClock(), ...options });
  const fresh = async (options: Partial<AuditStoreOptions> = {}) => {
    const url = await harness.freshUrl();
    return { url, store: await open(url, options) };
  };
  /** The store the tamper matrix expects (see recordedLayout), closed. */
  const recorded = async (): Promise<string> => {
    const { url, store } = await fresh({ checkpointEvery: recordedLayout.checkpointEvery });
    const inputs = sampleInputs(recordedLayout.events);
    for (let index = 0; index < inputs.length; index += recordedLayout.batch) await store.append(inputs.slice(index, index + recordedLayout.batch));
    await store.close();
    return url;
  };

  describe(`${harness.name} audit store contract`, () => {
    afterAll(() => harness.cleanup());

    it("appends events with consecutive seqs linked from the genesis hash, and reads them back unchanged", async () => {
      const { store } = await fresh();
      const first = await store.append(sampleInputs(3));
      const second = await store.append(sampleInputs(5).slice(3));
      expect([...first, ...second].map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(first[0]!.prevHash).toBe("0".repeat(64));
      expect(second[0]!.prevHash).toBe(first[2]!.hash);
      expect(first[1]).toMatchObject({ type: "call.proposed", traceId: "trace-0", callId: "trace-0-call", data: { name: "lookup", arguments: { id: 1 } }, redacted: [], schemaVersion: 1 });
      expect(await store.read()).toEqual([...first, ...second]);
      expect(await store.verify()).toEqual({ ok: true, eventsChecked: 5, checkpointsChecked: 0 });
      await store.close();
    });

    it("reads by trace, type, starting seq and limit", async () => {
      const { store } = await fresh();
      await store.append(sampleInputs(12));
      expect((await store.read({ traceId: "trace-1" })).map((event) => event.seq)).toEqual([5, 6, 7, 8]);
      expect((await store.read({ types: ["run.finished", "run.started"] })).map((event) => event.type)).toEqual(["run.started", "run.finished", "run.started", "run.finished", "run.started", "run.finished"]);
      expect((await store.read({ fromSeq: 10, limit: 2 })).map((event) => event.seq)).toEqual([10, 11]);
      expect(await store.read({ types: [] })).toEqual([]);
      expect(await store.read({ traceId: "nope" })).toEqual([]);
      await store.close();
    });

    it("lists traces newest first, derived from run and call events", async () => {
      const { store } = await fresh();
      const at = (second: number) => new Date(Date.UTC(2026, 2, 1, 0, 0, second)).toISOString();
      const run = (trace: string, start: number, callIds: string[], rejected: string[], finish?: string): AuditEventInput[] => [
        { type: "run.started", traceId: trace, at: at(start), data: { model: "scripted:a" } },
        ...callIds.flatMap((callId): AuditEventInput[] => [
          { type: "call.proposed", traceId: trace, callId, at: at(start + 1), data: { name: "x" } },
          { type: "call.executed", traceId: trace, callId, at: at(start + 2), data: { status: rejected.includes(callId) ? "rejected" : "succeeded" } },
        ]),
        ...(finish === undefined ? [] : [{ type: "run.finished" as const, traceId: trace, at: at(start + 3), data: { stopReason: finish } }]),
      ];
      await store.append(run("t-old", 0, ["a"], []));
      await store.append([...run("t-mid", 10, ["b", "c", "d"], ["c"], "no-tool-calls")]);
      await store.append(run("t-new", 20, [], [], "max-steps"));
      const traces = await store.listTraces();
      expect(traces.map((trace) => trace.traceId)).toEqual(["t-new", "t-mid", "t-old"]);
      expect(traces[1]).toEqual({ traceId: "t-mid", startedAt: at(10), finishedAt: at(13), model: "scripted:a", stopReason: "no-tool-calls", calls: 3, rejected: 1, firstSeq: 4 });
      expect(traces[2]).toMatchObject({ traceId: "t-old", calls: 1, rejected: 0 });
      expect(traces[2]!.finishedAt).toBeUndefined();
      expect((await store.listTraces({ limit: 1 })).map((trace) => trace.traceId)).toEqual(["t-new"]);
      expect((await store.listTraces({ since: at(5) })).map((trace) => trace.traceId)).toEqual(["t-new", "t-mid"]);
      await expect(store.listTraces({ since: "last week" })).rejects.toThrow(AuditInputError);
      await store.close();
    });

    it("writes a signed checkpoint every N events and on close, and verifies them", async () => {
      const { url, store } = await fresh({ checkpointEvery: 4 });
      const appended = await store.append(sampleInputs(6));
      expect(appended.map((event) => event.seq)).toEqual([1, 2, 3, 4, 6, 7]);
      const [checkpoint] = await store.read({ types: ["checkpoint"] });
      expect(checkpoint).toMatchObject({ seq: 5, traceId: storeTraceId, data: { headSeq: 4, headHash: appended[3]!.hash, algorithm: "ed25519", keyId: contractSigner.keyId } });
      const explicit = await store.checkpoint();
      expect(explicit).toMatchObject({ seq: 8, type: "checkpoint", data: { headSeq: 7 } });
      await store.append(sampleInputs(1));
      await store.close();
      const reopened = await open(url);
      const checkpoints = await reopened.read({ types: ["checkpoint"] });
      expect(checkpoints.map((event) => event.seq)).toEqual([5, 8, 10]);
      expect(await reopened.head()).toMatchObject({ headSeq: 10, lastCheckpointSeq: 10 });
      expect(await reopened.verify()).toEqual({ ok: true, eventsChecked: 10, checkpointsChecked: 3 });
      // Closing an idle store adds no checkpoint over a head that already is one.
      await reopened.close();
      const again = await open(url);
      expect((await again.read()).length).toBe(10);
      await again.close();
    });

    it("resolves every concurrent append after its batch committed, in fewer transactions, keeping each caller's order", async () => {
      const { store } = await fresh({ checkpointEvery: 100_000 });
      const callers = 16;
      const perCaller = 12;
      const acknowledged: AuditEvent[][] = Array.from({ length: callers }, () => []);
      await Promise.all(
        Array.from({ length: callers }, async (_, caller) => {
          for (let index = 0; index < perCaller; index++) {
            const [event] = await store.append([{ type: "call.proposed", traceId: `caller-${caller}`, callId: `c-${index}`, at: "2026-02-01T00:00:00.000Z", data: { caller, index } }]);
            acknowledged[caller]!.push(event!);
          }
        }),
      );
      expect(store.stats.entries).toBe(callers * perCaller);
      expect(store.stats.transactions).toBeLessThan(callers * perCaller / 4);
      expect(store.stats.largestBatch).toBeGreaterThan(1);
      const stored = await store.read();
      expect(stored).toHaveLength(callers * perCaller);
      for (let caller = 0; caller < callers; caller++) {
        const seqs = acknowledged[caller]!.map((event) => event.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(stored.filter((event) => event.traceId === `caller-${caller}`).map((event) => (event.data as { index: number }).index)).toEqual(Array.from({ length: perCaller }, (_, index) => index));
      }
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    it("redacts before hashing and storage: value gone, pointer recorded, digest stable for equal values", async () => {
      const { url, store } = await fresh({ redaction: { "call.executed": ["/result/email"] } });
      const ssn = "123-45-6789";
      const [a, b, c, d] = await store.append([
        { type: "call.proposed", traceId: "t", callId: "1", at: "2026-02-01T00:00:00.000Z", data: { arguments: { ssn, amount: 1 } }, redact: ["/arguments/ssn"] },
        { type: "call.proposed", traceId: "t", callId: "2", at: "2026-02-01T00:00:01.000Z", data: { arguments: { ssn, amount: 2 } }, redact: ["/arguments/ssn"] },
        { type: "call.proposed", traceId: "t", callId: "3", at: "2026-02-01T00:00:02.000Z", data: { arguments: { ssn: "987-65-4321" } }, redact: ["/arguments/ssn", "/not/there"] },
        { type: "call.executed", traceId: "t", callId: "3", at: "2026-02-01T00:00:03.000Z", data: { result: { email: "pat@example.com", ok: true } } },
      ]);
      expect(a!.redacted).toEqual(["/arguments/ssn"]);
      expect(c!.redacted).toEqual(["/arguments/ssn"]);
      expect(d!.redacted).toEqual(["/result/email"]);
      const digestOf = (event: AuditEvent | undefined) => ((event!.data as { arguments: { ssn: { $redacted: string } } }).arguments.ssn.$redacted);
      expect(digestOf(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(digestOf(a)).toBe(digestOf(b));
      expect(digestOf(a)).not.toBe(digestOf(c));
      expect((d!.data as { result: { ok: boolean } }).result.ok).toBe(true);
      const raw = harness.raw(url);
      const stored = await raw.all(`SELECT data FROM ${raw.events}`);
      await raw.close();
      const everything = JSON.stringify(stored);
      for (const secret of [ssn, "987-65-4321", "pat@example.com"]) expect(everything).not.toContain(secret);
      expect(await store.read()).toEqual([a, b, c, d]);
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });

    it("prunes behind a signed checkpoint, records the cut, verifies after, and still catches tampering", async () => {
      const { url, store } = await fresh({ checkpointEvery: 1000 });
      await store.append(sampleInputs(20));
      const cutAt = (await store.read({ fromSeq: 9, limit: 1 }))[0]!;
      const lastRemoved = (await store.read({ fromSeq: 8, limit: 1 }))[0]!;
      expect(await store.prune({ before: cutAt.at })).toEqual({ removed: 8 });
      const remaining = await store.read();
      expect(remaining[0]!.seq).toBe(9);
      const [checkpoint, retention] = remaining.slice(-2);
      expect(checkpoint).toMatchObject({ seq: 21, type: "checkpoint", data: { headSeq: 20 } });
      expect(retention).toMatchObject({ seq: 22, type: "retention.pruned", data: { removed: 8, lastRemovedSeq: 8, lastRemovedHash: lastRemoved.hash, before: cutAt.at, checkpointSeq: 21 } });
      expect(await store.verify()).toEqual({ ok: true, eventsChecked: 14, checkpointsChecked: 1 });
      expect(await store.prune({ before: "2000-01-01T00:00:00.000Z" })).toEqual({ removed: 0 });
      await store.append(sampleInputs(2));
      expect((await store.verify()).ok).toBe(true);
      await store.close();

      const raw = harness.raw(url);
      await raw.run(`UPDATE ${raw.events} SET data = ? WHERE seq = 10`, [(await readRow(raw, 10)).data.replace("lookup", "lookuP")]);
      await raw.close();
      const reopened = await open(url);
      expect((await reopened.verify()).firstProblem).toMatchObject({ seq: 10, kind: "hash-mismatch" });
      await reopened.close();
    });

    it("detects a prefix deleted beyond the recorded retention cut", async () => {
      const { url, store } = await fresh();
      await store.append(sampleInputs(10));
      await store.prune({ before: sampleInputs(10)[4]!.at });
      await store.close();
      const raw = harness.raw(url);
      await raw.run(`DELETE FROM ${raw.events} WHERE seq < 7`);
      await raw.close();
      const reopened = await open(url);
      expect((await reopened.verify()).firstProblem).toMatchObject({ seq: 5, kind: "gap" });
      await reopened.close();
    });

    describe("tamper matrix", () => {
      it("verifies the untouched recorded store", async () => {
        const url = await recorded();
        const store = await open(url);
        expect(await store.verify()).toEqual({ ok: true, eventsChecked: recordedLayout.lastSeq, checkpointsChecked: recordedLayout.checkpoints.length });
        await store.close();
      });

      for (const tamper of tamperCases(forger)) {
        it(`detects: ${tamper.name} → seq ${tamper.expected.seq}, ${tamper.expected.kind}`, async () => {
          const url = await recorded();
          const raw = harness.raw(url);
          try {
            await tamper.apply(raw);
          } finally {
            await raw.close();
          }
          const store = await openAuditStore(url, { verifier: contractSigner.verifier });
          const report = await store.verify();
          await store.close();
          expect(report.ok).toBe(false);
          expect(report.firstProblem).toMatchObject(tamper.expected);
          expect(report.firstProblem!.message.length).toBeGreaterThan(20);
        });
      }
    });

    it("refuses to append on top of a head record it cannot verify, so a forged head is never laundered", async () => {
      const url = await recorded();
      const raw = harness.raw(url);
      await raw.run(`DELETE FROM ${raw.events} WHERE seq > 40`);
      await raw.run(`UPDATE ${raw.head} SET head_seq = 40, head_hash = ?`, [(await readRow(raw, 40)).hash]);
      await raw.close();
      const store = await open(url);
      await expect(store.append(sampleInputs(1))).rejects.toThrow(/refusing to append .* does not verify — run `toolgate audit verify`/);
      await store.close().catch(() => undefined);
    });

    it("keeps verifying across a key rotation when the verifier trusts both keys", async () => {
      const oldKey = createAuditSigner({ hmacSecret: "the-old-rotation-secret" });
      const { url, store } = await fresh({ signer: oldKey, checkpointEvery: 3 });
      await store.append(sampleInputs(4));
      await store.close();
      const both = createAuditVerifier([{ hmacSecret: "the-old-rotation-secret" }, { ed25519PublicKeyPem: keyPair.publicKeyPem }]);
      const rotated = await open(url, { signer: contractSigner, verifier: both });
      await rotated.append(sampleInputs(4));
      await rotated.close();
      const auditor = await openAuditStore(url, { verifier: both });
      // Old key: checkpoints at 4 (every 3) and 6 (close); new key: 11 (close).
      expect(await auditor.verify()).toEqual({ ok: true, eventsChecked: 11, checkpointsChecked: 3 });
      await auditor.close();
      const newKeyOnly = await openAuditStore(url, { verifier: contractSigner.verifier });
      expect((await newKeyOnly.verify()).firstProblem).toMatchObject({ seq: 4, kind: "bad-checkpoint" });
      await newKeyOnly.close();
    });

    it("opens read-only with a verifier or with no key, and names the fix for writing or verifying without one", async () => {
      const url = await recorded();
      const store = await openAuditStore(url, { verifier: createAuditVerifier({ ed25519PublicKeyPem: keyPair.publicKeyPem }) });
      expect((await store.verify()).ok).toBe(true);
      expect(await store.read({ limit: 1 })).toHaveLength(1);
      await expect(store.append(sampleInputs(1))).rejects.toThrow(/opened without a signer — pass \{ signer/);
      await expect(store.checkpoint()).rejects.toThrow(AuditConfigError);
      await store.close();
      const keyless = await openAuditStore(url, {});
      expect((await keyless.listTraces()).length).toBeGreaterThan(0);
      await expect(keyless.verify()).rejects.toThrow(/cannot verify .* without a key — open it with \{ verifier/);
      await expect(keyless.append(sampleInputs(1))).rejects.toThrow(AuditConfigError);
      await keyless.close();
    });

    it("rejects bad input before it reaches a transaction, and refuses use after close", async () => {
      const { store } = await fresh();
      await expect(store.append([{ type: "checkpoint", traceId: "t", at: "2026-02-01T00:00:00.000Z", data: {} }])).rejects.toThrow(/written by the store/);
      await expect(store.append([{ ...sampleInputs(1)[0]!, at: "now" }])).rejects.toThrow(/events\[0\]\.at/);
      await expect(store.prune({ before: "yesterday" })).rejects.toThrow(AuditInputError);
      expect(await store.append([])).toEqual([]);
      expect(await store.read()).toEqual([]);
      await store.close();
      await expect(store.read()).rejects.toThrow(AuditStoreClosedError);
      await expect(store.append(sampleInputs(1))).rejects.toThrow(AuditStoreClosedError);
      await store.close();
    });
  });
}
