// Routing queries from conversations, and tools surfaced by search_tools.
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../record/index.js";
import { routingQuery, routingQueryKey, routingQueryTerms, routingQueryText, searchedToolNames } from "./query.js";

const conversation: ChatMessage[] = [
  { role: "system", content: "You are helpful." },
  { role: "user", content: "First question about invoices" },
  { role: "assistant", content: "Sure." },
  { role: "user", content: "I need to move my appointment" },
  { role: "assistant", content: "Which day?" },
  { role: "user", content: "Tuesday at 10" },
];

describe("routingQuery", () => {
  it("takes the latest user message and the previous one as context by default", () => {
    expect(routingQuery(conversation)).toEqual({ latest: "Tuesday at 10", context: ["I need to move my appointment"] });
    expect(routingQuery(conversation, 0)).toEqual({ latest: "Tuesday at 10", context: [] });
    expect(routingQuery(conversation, 5)!.context).toEqual(["First question about invoices", "I need to move my appointment"]);
    expect(routingQuery([{ role: "system", content: "x" }])).toBeUndefined();
  });

  it("weights context at half, and renders text and keys for models and memos", () => {
    const query = routingQuery(conversation)!;
    const terms = routingQueryTerms(query);
    expect(terms.get("tuesday")).toBe(1);
    expect(terms.get("appointment")).toBe(0.5);
    expect(routingQueryText(query)).toBe("Earlier: I need to move my appointment\nNow: Tuesday at 10");
    expect(routingQueryKey(query)).toBe(routingQueryKey({ ...query }));
    expect(routingQueryKey(query)).not.toBe(routingQueryKey({ latest: query.latest, context: [] }));
  });
});

describe("searchedToolNames", () => {
  const result = (names: string[], ok = true) => JSON.stringify(ok ? { ok, result: { query: "q", tools: names.map((name) => ({ name })) } } : { ok, error: { code: "tool_error", message: "x" } });

  it("collects names from successful search_tools results of the current turn only", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "old turn" },
      { role: "tool", callId: "1", toolName: "search_tools", content: result(["stale"]) },
      { role: "user", content: "new turn" },
      { role: "tool", callId: "2", toolName: "search_tools", content: result(["a", "b"]) },
      { role: "tool", callId: "3", toolName: "other", content: result(["not-a-search"]) },
      { role: "tool", callId: "4", toolName: "search_tools", content: result(["b", "c"]) },
      { role: "tool", callId: "5", toolName: "search_tools", content: result(["denied"], false) },
      { role: "tool", callId: "6", toolName: "search_tools", content: "not json" },
    ];
    expect(searchedToolNames(messages, "search_tools")).toEqual(["a", "b", "c"]);
  });
});
