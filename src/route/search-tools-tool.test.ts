// The search_tools meta-tool as a registered, deterministic tool.
import { describe, expect, it } from "vitest";
import { testTools } from "../test-support/tools.js";
import { createSearchToolsTool, searchToolsName } from "./search-tools-tool.js";
import type { SearchToolsResult } from "./search-tools-tool.js";
import { createToolIndex } from "./tool-index.js";

const context = { signal: new AbortController().signal, callId: "c", traceId: "t", attempt: 1, idempotencyKey: "k", recordEffect: () => {} };

describe("createSearchToolsTool", () => {
  const { registry } = testTools();
  const tool = createSearchToolsTool(createToolIndex(registry.tools), 2);

  it("is a registered, read-only tool with a validated query argument", () => {
    expect(tool.name).toBe(searchToolsName);
    expect(tool.risk).toBe("read");
    expect(tool.validateInput({ query: "money" })).toBe(true);
    expect(tool.validateInput({ query: "" })).toBe(false);
    expect(tool.validateInput({})).toBe(false);
  });

  it("returns the best matches by the names the model calls them, deterministically", async () => {
    const result = (await tool.execute({ query: "move money between accounts" }, context)) as SearchToolsResult;
    expect(result.tools.map((entry) => entry.name)).toEqual(["bank_transfer"]);
    expect(result.tools[0]).toMatchObject({ area: "banking", description: "Move money between accounts." });
    expect(await tool.execute({ query: "move money between accounts" }, context)).toEqual(result);
  });
});
