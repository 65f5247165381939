// The counter stores behind rate limits and budgets, one contract: memory, SQLite and PostgreSQL (real server on loopback).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { CounterStore } from "./counter-store.js";
import { memoryCounterStore } from "./counter-store.js";
import { defaultLimitsStoreUrl, openCounterStore } from "./open-counter-store.js";

const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `toolgate_limits_${randomBytes(4).toString("hex")}`;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterAll(async () => {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

const stores: Array<[string, () => CounterStore | Promise<CounterStore>]> = [
  ["memory", () => memoryCounterStore()],
  [
    "sqlite",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "toolgate-counters-"));
      dirs.push(dir);
      return openCounterStore(`sqlite:${join(dir, "c.db")}`);
    },
  ],
  ["postgres", () => openCounterStore(`${pgUrl}?schema=${schema}`)],
];

describe.each(stores)("%s counter store", (name, make) => {
  it("consumes within the window, refuses without consuming past max, and starts over in a new window", async () => {
    const store = await make();
    const key = `k-${name}`;
    try {
      expect(await store.take({ key, amount: 2, max: 3, windowStartMs: 0 })).toEqual({ allowed: true, used: 2 });
      expect(await store.take({ key, amount: 2, max: 3, windowStartMs: 0 })).toEqual({ allowed: false, used: 2 });
      expect(await store.take({ key, amount: 1, max: 3, windowStartMs: 0 })).toEqual({ allowed: true, used: 3 });
      expect(await store.take({ key: `${key}-other`, amount: 1, max: 3, windowStartMs: 0 })).toEqual({ allowed: true, used: 1 });
      expect(await store.take({ key, amount: 1, max: 3, windowStartMs: 1000 })).toEqual({ allowed: true, used: 1 });
      expect(await store.take({ key: `${key}-big`, amount: 5, max: 3, windowStartMs: 0 })).toEqual({ allowed: false, used: 0 });
    } finally {
      await store.close?.();
    }
  });
});

describe("postgres counter store across processes", () => {
  it("two independent pools racing for one budget never hand out more than the limit", async () => {
    const [a, b] = await Promise.all([openCounterStore(`${pgUrl}?schema=${schema}`), openCounterStore(`${pgUrl}?schema=${schema}`)]);
    try {
      const takes = Array.from({ length: 120 }, (_, index) => (index % 2 === 0 ? a : b).take({ key: "race", amount: 1, max: 37, windowStartMs: 5 }));
      const results = await Promise.all(takes);
      expect(results.filter((result) => result.allowed)).toHaveLength(37);
      expect(Math.max(...results.map((result) => result.used))).toBe(37);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    await expect(openCounterStore(`${pgUrl}?schema=${encodeURIComponent('x"; DROP TABLE y; --')}`)).rejects.toThrow(/not a plain SQL identifier/);
  });
});

describe("openCounterStore on SQLite", () => {
  it("keeps counts in an owner-only file under the data directory, across reopenings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-counters-"));
    dirs.push(dir);
    const url = defaultLimitsStoreUrl(join(dir, "data"));
    expect(url).toBe(`sqlite:${join(dir, "data", "limits.db")}`);
    const first = await openCounterStore(url);
    expect(await first.take({ key: "k", amount: 2, max: 3, windowStartMs: 0 })).toEqual({ allowed: true, used: 2 });
    await first.close();
    expect(statSync(join(dir, "data", "limits.db")).mode & 0o777).toBe(0o600);
    const second = await openCounterStore(url);
    expect(await second.take({ key: "k", amount: 2, max: 3, windowStartMs: 0 })).toEqual({ allowed: false, used: 2 });
    await second.close();
  });
});
