import { expect, it } from "vitest";
import { newTraceId } from "./trace-id.js";

it("makes UUIDv7 trace ids that sort in the order they were made", async () => {
  const first = newTraceId();
  await new Promise((resolve) => setTimeout(resolve, 2));
  const ids = [first, ...Array.from({ length: 100 }, () => newTraceId())];
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
  // Later ids sort after earlier ones (within one millisecond the library keeps a counter, so the order holds there too).
  expect([...ids].sort()).toEqual(ids);
});
