// Crash safety: a writer killed with SIGKILL mid-burst loses nothing it acknowledged, and the chain still verifies.
import { afterAll, describe, expect, it } from "vitest";
import { openAuditStore } from "./open-store.js";
import { createAuditSigner } from "./signer.js";
import { childSecret, startChildWriter } from "./test-support/child-writer.js";
import type { StoreHarness } from "./test-support/raw-sql.js";
import { postgresHarness, sqliteHarness } from "./test-support/raw-sql.js";

const signer = createAuditSigner({ hmacSecret: childSecret });

for (const harness of [sqliteHarness(), postgresHarness()] as StoreHarness[]) {
  describe(`${harness.name}: kill -9 mid-burst`, () => {
    afterAll(() => harness.cleanup());

    it("keeps every acknowledged event and a verifiable chain", async () => {
      const url = await harness.freshUrl();
      const writer = startChildWriter(url, "w1", 100_000, 8);
      await writer.acknowledged(300);
      writer.child.kill("SIGKILL");
      expect(await writer.exited).toBe("SIGKILL");
      const acknowledged = [...writer.acks];
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);

      const store = await openAuditStore(url, { signer });
      const stored = new Map((await store.read()).map((event) => [event.seq, event]));
      const lost = acknowledged.filter((ack) => stored.get(ack.seq)?.hash !== ack.hash);
      expect(lost).toEqual([]);
      const report = await store.verify();
      expect(report).toMatchObject({ ok: true });
      expect(report.eventsChecked).toBe(stored.size);
      // The store takes writes again after the crash, continuing the same chain.
      const [next] = await store.append([{ type: "run.started", traceId: "after-crash", at: new Date().toISOString(), data: {} }]);
      expect(next!.seq).toBe(Math.max(...stored.keys()) + 1);
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    });
  });
}
