// Group commit batches what arrives during a write, keeps order, fails only the batch that failed, and isolates what must be alone.
import { describe, expect, it } from "vitest";
import { createGroupCommitter } from "./group-commit.js";

/** A commit that takes a few milliseconds, like a transaction waiting on fsync, and records each batch. */
function slowLog(delayMs = 5) {
  const batches: number[][] = [];
  const commit = async (batch: number[]) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    batches.push(batch);
    return batch.map((value) => value * 10);
  };
  return { batches, commit };
}

describe("createGroupCommitter", () => {
  it("puts what arrives while a commit is in flight into the next transaction, in arrival order", async () => {
    const log = slowLog();
    const committer = createGroupCommitter({ commit: log.commit });
    const first = committer.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const rest = [2, 3, 4, 5].map((value) => committer.submit(value));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(log.batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(committer.stats).toEqual({ transactions: 2, entries: 5, largestBatch: 4, mostInFlight: 1 });
  });

  it("with two in flight, starts the next transaction while one commits, planning each in arrival order", async () => {
    // A pipelined backend: `commit` plans synchronously (the order the batches reach it) and finishes later.
    const planned: number[][] = [];
    let inFlight = 0;
    let most = 0;
    const committer = createGroupCommitter({
      maxInFlight: () => 2,
      commit: async (batch: number[]) => {
        planned.push(batch);
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return batch.map((value) => value * 10);
      },
    });
    const first = committer.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    // Arrives while the first commits: a second transaction starts at once instead of waiting for it.
    const second = [2, 3].map((value) => committer.submit(value));
    await new Promise((resolve) => setTimeout(resolve, 1));
    // Two are in flight now: these wait for one of them and share the next.
    const third = [4, 5].map((value) => committer.submit(value));
    expect(await Promise.all([first, ...second, ...third])).toEqual([10, 20, 30, 40, 50]);
    expect(planned).toEqual([[1], [2, 3], [4, 5]]);
    expect(most).toBe(2);
    expect(committer.stats).toMatchObject({ transactions: 3, mostInFlight: 2 });
  });

  it("with more than one in flight, still commits an isolated entry alone once nothing else is in flight", async () => {
    const events: string[] = [];
    const committer = createGroupCommitter<string, string>({
      maxInFlight: () => 2,
      isolated: (entry) => entry === "prune",
      commit: async (batch) => {
        events.push(`start ${batch.join("+")}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`end ${batch.join("+")}`);
        return batch;
      },
    });
    const first = committer.submit("a");
    await new Promise((resolve) => setTimeout(resolve, 1));
    const rest = ["b", "prune", "c"].map((entry) => committer.submit(entry));
    await Promise.all([first, ...rest]);
    // b may overlap a; the prune starts only after both ended, and c after the prune.
    const pruneStart = events.indexOf("start prune");
    expect(events.indexOf("end a")).toBeLessThan(pruneStart);
    expect(events.indexOf("end b")).toBeLessThan(pruneStart);
    expect(events.indexOf("end prune")).toBeLessThan(events.indexOf("start c"));
    expect(events.indexOf("start b")).toBeLessThan(events.indexOf("end a"));
  });

  it("batches many concurrent callers into fewer transactions and keeps each caller's order", async () => {
    const log = slowLog(2);
    const committer = createGroupCommitter({ commit: log.commit });
    const seen: number[][] = Array.from({ length: 16 }, () => []);
    await Promise.all(
      Array.from({ length: 16 }, async (_, caller) => {
        for (let index = 0; index < 10; index++) seen[caller]!.push(await committer.submit(caller * 100 + index));
      }),
    );
    expect(committer.stats.entries).toBe(160);
    expect(committer.stats.transactions).toBeLessThan(40);
    for (let caller = 0; caller < 16; caller++) expect(seen[caller]).toEqual(Array.from({ length: 10 }, (_, index) => (caller * 100 + index) * 10));
    const committed = log.batches.flat();
    for (let caller = 0; caller < 16; caller++) {
      const mine = committed.filter((value) => Math.floor(value / 100) === caller);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
  });

  it("never resolves before the commit has finished", async () => {
    let finished = false;
    const committer = createGroupCommitter({
      commit: async (batch: number[]) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        finished = true;
        return batch;
      },
    });
    await committer.submit(1);
    expect(finished).toBe(true);
  });

  it("rejects every entry of a failed transaction and carries on with the next", async () => {
    let calls = 0;
    const committer = createGroupCommitter({
      commit: async (batch: number[]) => {
        calls++;
        await Promise.resolve();
        if (calls === 1) throw new Error("disk full");
        return batch;
      },
    });
    const failed = [committer.submit(1), committer.submit(2)];
    const results = await Promise.allSettled(failed);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(await committer.submit(3)).toBe(3);
  });

  it("commits an isolated entry alone and respects the batch weight limit", async () => {
    const log = slowLog(1);
    const committer = createGroupCommitter({ commit: log.commit, isolated: (value: number) => value < 0, weight: (value) => Math.abs(value), maxBatchWeight: 5 });
    await Promise.all([1, 2, -1, 3, 4, 9, 1].map((value) => committer.submit(value)));
    expect(log.batches).toEqual([[1, 2], [-1], [3], [4], [9], [1]]);
  });

  it("drains: resolves once everything queued so far is settled", async () => {
    const log = slowLog(3);
    const committer = createGroupCommitter({ commit: log.commit });
    await committer.drain();
    const pending = [committer.submit(1), committer.submit(2)];
    await committer.drain();
    expect(log.batches.flat()).toEqual([1, 2]);
    await Promise.all(pending);
  });
});
