import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { memoryCounterStore } from "./counter-store.js";
import { sqliteCounterStore } from "./sqlite-counter-store.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each([
  ["memory", () => memoryCounterStore()],
  [
    "sqlite",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "toolgate-counters-"));
      dirs.push(dir);
      return sqliteCounterStore(join(dir, "c.db"));
    },
  ],
])("%s counter store", (_name, make) => {
  it("consumes within the window, refuses without consuming past max, and starts over in a new window", async () => {
    const store = make();
    try {
      expect(await store.take({ key: "k", amount: 2, max: 3, windowStartMs: 0 })).toEqual({ allowed: true, used: 2 });
      expect(await store.take({ key: "k", amount: 2, max: 3, windowStartMs: 0 })).toEqual({ allowed: false, used: 2 });
      expect(await store.take({ key: "k", amount: 1, max: 3, windowStartMs: 0 })).toEqual({ allowed: true, used: 3 });
      expect(await store.take({ key: "other", amount: 1, max: 3, windowStartMs: 0 })).toEqual({ allowed: true, used: 1 });
      expect(await store.take({ key: "k", amount: 1, max: 3, windowStartMs: 1000 })).toEqual({ allowed: true, used: 1 });
    } finally {
      store.close?.();
    }
  });
});
