// SQLite commits in the writer thread: the chain stays whole under concurrent appends, across two processes' worth of
// stores on one file (the head moves under a planned batch), through a prune, and when `auto` switches over mid-run.
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
