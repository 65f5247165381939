// Three processes appending to one PostgreSQL store at once still make one valid chain: seq 1..N, no gaps, nothing lost.
import { afterAll, describe, expect, it } from "vitest";
import { openAuditStore } from "./open-store.js";
import { createAuditSigner } from "./signer.js";
import { childSecret, startChildWriter } from "./test-support/child-writer.js";
import { postgresHarness } from "./test-support/raw-sql.js";

const harness = postgresHarness();
afterAll(() => harness.cleanup());

describe("postgres: concurrent writer processes", () => {
  it("serialise into one gap-free chain with every writer's events present", async () => {
    const url = await harness.freshUrl();
    const perWriter = 200;
    const writers = ["alpha", "beta", "gamma"].map((name) => startChildWriter(url, name, perWriter, 4));
    const exits = await Promise.all(writers.map((writer) => writer.exited));
    expect(exits, writers.map((writer) => writer.stderr()).join("\n")).toEqual([0, 0, 0]);

    const store = await openAuditStore(url, { signer: createAuditSigner({ hmacSecret: childSecret }) });
    const events = await store.read();
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: events.length }, (_, index) => index + 1));
    for (const writer of writers) {
      const mine = events.filter((event) => event.type === "call.executed" && (event.data as { writer: string }).writer === writer.acks[0]!.writer);
      expect(mine).toHaveLength(perWriter);
      expect(new Set(mine.map((event) => (event.data as { index: number }).index)).size).toBe(perWriter);
      const bySeq = new Map(events.map((event) => [event.seq, event.hash]));
      expect(writer.acks.filter((ack) => bySeq.get(ack.seq) !== ack.hash)).toEqual([]);
    }
    // The writers interleaved rather than ran one after another.
    const order = events.filter((event) => event.type === "call.executed").map((event) => (event.data as { writer: string }).writer);
    const switches = order.filter((writer, index) => index > 0 && writer !== order[index - 1]).length;
    expect(switches).toBeGreaterThan(2);
    const report = await store.verify();
    expect(report.ok).toBe(true);
    expect(report.eventsChecked).toBe(events.length);
    await store.close();
  });
});
