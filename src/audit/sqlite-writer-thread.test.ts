// SQLite commits in the writer thread: the chain stays whole under concurrent appends, across two processes' worth of
// stores on one file (the head moves under a planned batch), with commits pipelined, through a prune, and when `auto`
// switches over mid-run.
import { afterAll, describe, expect, it } from "vitest";
import { openAuditStore } from "./open-store.js";
import { writerThreadAfter } from "./sqlite-backend.js";
import { sampleInputs } from "./test-support/memory-chain.js";
import { sqliteHarness } from "./test-support/raw-sql.js";
import { contractSigner } from "./test-support/store-contract.js";

const harness = sqliteHarness();
afterAll(() => harness.cleanup());

describe("SQLite audit commits in a writer thread", () => {
  it("keeps one verified chain when many appends arrive at once", async () => {
    const url = await harness.freshUrl();
    const store = await openAuditStore(url, { signer: contractSigner, writerThread: "always" });
    await store.append(sampleInputs(1));
    const appended = await Promise.all(Array.from({ length: 40 }, () => store.append(sampleInputs(3))));
    expect(appended.flat().map((event) => event.seq)).toEqual(Array.from({ length: 120 }, (_, index) => index + 2));
    // Group commit: the 40 appends shared far fewer transactions.
    expect(store.stats.transactions).toBeLessThan(20);
    expect(await store.verify()).toEqual({ ok: true, eventsChecked: 121, checkpointsChecked: 0 });
    await store.close();
    const reopened = await openAuditStore(url, { signer: contractSigner });
    expect((await reopened.read({ fromSeq: 119 })).map((event) => event.seq)).toEqual([119, 120, 121, 122]);
    expect((await reopened.verify()).ok).toBe(true);
    await reopened.close();
  });

  it("plans again when another writer moved the head, losing nothing", async () => {
    const url = await harness.freshUrl();
    const first = await openAuditStore(url, { signer: contractSigner, writerThread: "always" });
    const second = await openAuditStore(url, { signer: contractSigner, writerThread: "always" });
    await first.append(sampleInputs(1));
    await second.append(sampleInputs(1));
    for (let round = 0; round < 10; round++) {
      await Promise.all([first.append(sampleInputs(2)), second.append(sampleInputs(3)), first.append(sampleInputs(1))]);
    }
    await first.close();
    await second.close();
    const reader = await openAuditStore(url, { signer: contractSigner });
    const events = await reader.read();
    const appendedEvents = events.filter((event) => event.type !== "checkpoint");
    expect(appendedEvents).toHaveLength(2 + 10 * 6);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect((await reader.verify()).ok).toBe(true);
    await reader.close();
  });

  it("pipelines commits: sends the next batch while one commits, and keeps every appender's events in order", async () => {
    const url = await harness.freshUrl();
    const store = await openAuditStore(url, { signer: contractSigner, writerThread: "always" });
    await store.append(sampleInputs(1));
    // 12 appenders, each pausing a little after every acknowledgement, as requests arrive at a gateway: appends keep
    // arriving while a commit is in the thread, so the next batch goes before it ends.
    const appended = await Promise.all(
      Array.from({ length: 12 }, async (_, appender) => {
        const mine: Array<{ seq: number; traceId: string }> = [];
        for (let index = 0; index < 15; index++) {
          await new Promise((resolve) => setTimeout(resolve, (appender * 7 + index * 3) % 4));
          mine.push(...(await store.append([{ type: "run.started", traceId: `appender-${appender}-${index}`, at: new Date().toISOString(), data: { index } }])));
        }
        return mine;
      }),
    );
    expect(store.stats.mostInFlight).toBe(2);
    for (const [appender, mine] of appended.entries()) {
      expect(mine.map((event) => event.traceId)).toEqual(Array.from({ length: 15 }, (_, index) => `appender-${appender}-${index}`));
      expect(mine.map((event) => event.seq)).toEqual([...mine.map((event) => event.seq)].sort((a, b) => a - b));
    }
    const seqs = appended.flat().map((event) => event.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 180 }, (_, index) => index + 2));
    expect(await store.verify()).toEqual({ ok: true, eventsChecked: 181, checkpointsChecked: 0 });
    await store.close();
  });

  it("loses nothing when two pipelining stores append to one file at once, and falls back to one commit at a time", async () => {
    const url = await harness.freshUrl();
    const stores = [await openAuditStore(url, { signer: contractSigner, writerThread: "always" }), await openAuditStore(url, { signer: contractSigner, writerThread: "always" })];
    for (const store of stores) await store.append(sampleInputs(1));
    await Promise.all(
      stores.flatMap((store, which) =>
        Array.from({ length: 6 }, async (_, appender) => {
          for (let index = 0; index < 10; index++) await store.append([{ type: "run.started", traceId: `store-${which}-appender-${appender}-${index}`, at: new Date().toISOString(), data: { index } }]);
        }),
      ),
    );
    for (const store of stores) await store.close();
    const reader = await openAuditStore(url, { signer: contractSigner });
    const events = await reader.read();
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const traced = events.filter((event) => event.traceId.startsWith("store-")).map((event) => event.traceId);
    expect(new Set(traced).size).toBe(2 * 6 * 10);
    // Each appender's events in the order it appended them.
    for (const which of [0, 1]) {
      for (let appender = 0; appender < 6; appender++) {
        const prefix = `store-${which}-appender-${appender}-`;
        expect(traced.filter((id) => id.startsWith(prefix))).toEqual(Array.from({ length: 10 }, (_, index) => `${prefix}${index}`));
      }
    }
    expect((await reader.verify()).ok).toBe(true);
    await reader.close();
  });

  it("prunes on the calling thread and carries on in the writer thread", async () => {
    const url = await harness.freshUrl();
    const store = await openAuditStore(url, { signer: contractSigner, writerThread: "always" });
    await store.append(sampleInputs(10, Date.parse("2026-01-01T00:00:00.000Z")));
    await store.append(sampleInputs(5, Date.parse("2026-03-01T00:00:00.000Z")));
    expect(await store.prune({ before: "2026-02-01T00:00:00.000Z" })).toEqual({ removed: 10 });
    await store.append(sampleInputs(4, Date.parse("2026-04-01T00:00:00.000Z")));
    const report = await store.verify();
    expect(report.ok).toBe(true);
    // 5 kept, the prune's checkpoint and retention record, then 4 more.
    expect(report.eventsChecked).toBe(11);
    await store.close();
  });

  it("switches to the thread mid-run in auto mode without a gap in the chain", async () => {
    const url = await harness.freshUrl();
    const store = await openAuditStore(url, { signer: contractSigner, checkpointEvery: 25 });
    for (let batch = 0; batch < writerThreadAfter * 3; batch++) await store.append(sampleInputs(2));
    await Promise.all(Array.from({ length: 30 }, () => store.append(sampleInputs(1))));
    const report = await store.verify();
    expect(report.ok).toBe(true);
    expect(report.checkpointsChecked).toBeGreaterThan(3);
    expect(report.eventsChecked).toBe(writerThreadAfter * 6 + 30 + report.checkpointsChecked);
    await store.close();
  });
});
