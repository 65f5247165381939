// The tool BM25 index: ranking, explanations, examples and filters.
import { describe, expect, it } from "vitest";
import { weighQuery } from "../rag/index.js";
import { tokenize } from "./tokenize.js";
import { createToolIndex } from "./tool-index.js";

const tools = [
  { name: "get_weather", description: "Current weather for a city." },
  { name: "issue_refund", description: "Give money back to a customer." },
  { name: "send_email", description: "Email one customer." },
];
const query = (text: string) => weighQuery([{ terms: tokenize(text), weight: 1 }]);

describe("createToolIndex", () => {
  it("ranks the obvious tool first and explains why", () => {
    const index = createToolIndex(tools);
    const ranked = index.rank(query("what is the weather in Oslo"), 3);
    expect(ranked.map((hit) => hit.tool.name)).toEqual(["get_weather"]);
    expect(index.explain(query("what is the weather in Oslo"), "get_weather").map((part) => part.term)).toEqual(["weather"]);
    expect(index.explain(query("weather"), "nope")).toEqual([]);
  });

  it("matches requests worded unlike the description once examples are added", () => {
    const plain = createToolIndex(tools);
    expect(plain.rank(query("I was charged twice"), 3)).toEqual([]);
    const enriched = createToolIndex(tools, { examples: { issue_refund: ["I was charged twice for one visit"] } });
    expect(enriched.rank(query("I was charged twice"), 3)[0]!.tool.name).toBe("issue_refund");
  });

  it("filters candidates and scores every tool", () => {
    const index = createToolIndex(tools);
    expect(index.rank(query("customer"), 3, (tool) => tool.name !== "send_email").map((hit) => hit.tool.name)).toEqual(["issue_refund"]);
    const scores = index.scoreAll(query("customer"));
    expect(scores[0]).toBe(0);
    expect(scores[1]).toBeGreaterThan(0);
  });
});
