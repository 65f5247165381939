// JSON Lines export: chain order, every stored field, and a round trip that still verifies link by link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTools } from "../test-support/tools.js";
import { auditEventsToJsonl, parseAuditJsonl } from "./export-jsonl.js";
import type { TempAuditStore } from "./test-support/recorded-runs.js";
import { recordScriptedRun, tempAuditStore } from "./test-support/recorded-runs.js";

let temp: TempAuditStore;
beforeAll(async () => {
  temp = await tempAuditStore();
});
afterAll(async () => {
  await temp.remove();
});

describe("auditEventsToJsonl", () => {
  it("writes one event per line in chain order, hashes included, and reads them back", async () => {
    const { registry } = testTools();
    const { events } = await recordScriptedRun(temp.store, registry, [{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }, "ok"]);
    const text = auditEventsToJsonl([...events].reverse());
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(events.length);
    expect(text.endsWith("\n")).toBe(true);
    const back = parseAuditJsonl(`${text}\n\n`);
    expect(back).toEqual(events);
    // Each line links to the one before: the copy can be checked without the store.
    for (let i = 1; i < back.length; i++) expect(back[i]!.prevHash).toBe(back[i - 1]!.hash);
    expect(auditEventsToJsonl([])).toBe("");
  });

  it("names the line that is not JSON", () => {
    expect(() => parseAuditJsonl('{"seq":1}\n{oops\n')).toThrow(/line 2 is not JSON/);
  });
});
