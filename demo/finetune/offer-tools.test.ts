// A captured row shows the whole catalog; the demo keeps the used tools plus seeded distractors, deterministically.
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../../src/dataset/index.js";
import { offerTools } from "./offer-tools.js";

const names = ["a", "b", "c", "d", "e", "f"];
const row = (id: string, used: string[]): DatasetRecord => ({
  messages: [
    { role: "user", content: "do it" },
    { role: "assistant", content: null, tool_calls: used.map((name, index) => ({ id: `call_${index}`, type: "function" as const, function: { name, arguments: {} } })) },
  ],
  tools: names.map((name) => ({ type: "function" as const, function: { name, parameters: { type: "object", properties: {} } } })),
  meta: { id, source: { format: "trace" }, category: "single" },
});

describe("offerTools", () => {
  it("keeps every used tool plus distractors up to the count, in the run's order, and records what it did", () => {
    const offered = offerTools(row("r1", ["e"]), 2, 7);
    const kept = offered.tools.map((tool) => tool.function.name);
    expect(kept).toHaveLength(2);
    expect(kept).toContain("e");
    expect(kept).toEqual(names.filter((name) => kept.includes(name)));
    expect(offered.meta.extra?.offeredTools).toBe("1 used + 1 distractor(s) of 6 shown");
    expect(offered.messages).toEqual(row("r1", ["e"]).messages);
  });

  it("is seeded per row id: the same row gives the same tools, rows differ, used tools are never dropped", () => {
    expect(offerTools(row("r1", ["a"]), 3, 7).tools).toEqual(offerTools(row("r1", ["a"]), 3, 7).tools);
    const distractorSets = new Set(Array.from({ length: 20 }, (_, index) => offerTools(row(`r${index}`, ["a"]), 2, 7).tools.map((tool) => tool.function.name).join()));
    expect(distractorSets.size).toBeGreaterThan(1);
    expect(offerTools(row("r2", ["b", "f", "c"]), 2, 7).tools.map((tool) => tool.function.name)).toEqual(["b", "c", "f"]);
  });
});
