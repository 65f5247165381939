// Per-tool explanations of a routing decision.
import { describe, expect, it } from "vitest";
import { testTools } from "../test-support/tools.js";
import { createBm25Router } from "./bm25-router.js";
import { explainSelection } from "./explain-selection.js";

describe("explainSelection", () => {
  it("lists each exposed tool with its area, score and matched request words, marking the meta-tool", async () => {
    const { registry } = testTools();
    const messages = [{ role: "user" as const, content: "move money to Bob" }];
    const selection = await createBm25Router({ k: 1, searchTool: true })({ step: 0, messages, registry, signal: new AbortController().signal });
    const rows = explainSelection(registry, messages, selection);
    expect(rows[0]).toMatchObject({ name: "bank.transfer", area: "banking", matched: [{ term: "money" }, { term: "move" }] });
    expect(rows[0]!.score).toBe(selection.routing.scores!["bank.transfer"]);
    expect(rows[1]).toEqual({ name: "search_tools", area: "routing", matched: [], metaTool: true });
  });
});
