import { expect, it } from "vitest";
import { newTraceId } from "./trace-id.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("makes UUIDv7 trace ids: the time they were made, then random bits with the RFC 9562 variant", () => {
  const before = Date.now();
  const ids = Array.from({ length: 1000 }, () => newTraceId());
  const after = Date.now();
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const madeAt = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(madeAt).toBeGreaterThanOrEqual(before);
    expect(madeAt).toBeLessThanOrEqual(after);
  }
  expect(new Set(ids).size).toBe(ids.length);
});

it("sorts ids made in later milliseconds after earlier ones", async () => {
  const ids: string[] = [];
  for (let index = 0; index < 5; index++) {
    ids.push(newTraceId());
    await sleep(2);
  }
  expect([...ids].sort()).toEqual(ids);
});
