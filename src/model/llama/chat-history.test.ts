// Tests for the ChatMessage → node-llama-cpp history conversion, especially how tool results join their calls.
import { describe, expect, it } from "vitest";
import { toChatHistory } from "./chat-history.js";

describe("toChatHistory", () => {
  it("maps system and user messages and opens an empty model turn to generate into", () => {
    expect(
      toChatHistory([
        { role: "system", content: "be brief" },
        { role: "user", content: "hi" },
      ]),
    ).toEqual([
      { type: "system", text: "be brief" },
      { type: "user", text: "hi" },
      { type: "model", response: [] },
    ]);
  });

  it("folds calls and their results into one model turn, which generation then continues", () => {
    const history = toChatHistory([
      { role: "user", content: "weather?" },
      { role: "assistant", content: "Checking.", toolCalls: [{ id: "a", name: "get_weather", arguments: '{"city":"Oslo"}' }] },
      { role: "tool", callId: "a", toolName: "get_weather", content: '{"ok":true}' },
    ]);
    expect(history).toEqual([
      { type: "user", text: "weather?" },
      {
        type: "model",
        response: ["Checking.", { type: "functionCall", name: "get_weather", params: { city: "Oslo" }, result: { ok: true } }],
      },
    ]);
  });

  it("keeps unparseable arguments and results as text, and orphan results as a user note", () => {
    const history = toChatHistory([
      { role: "user", content: "go" },
      { role: "assistant", content: "", toolCalls: [{ id: "a", name: "f", arguments: "{broken" }] },
      { role: "tool", callId: "a", toolName: "f", content: "plain" },
      { role: "tool", callId: "zzz", toolName: "g", content: "{}" },
    ]);
    expect(history[1]).toEqual({ type: "model", response: [{ type: "functionCall", name: "f", params: "{broken", result: "plain" }] });
    expect(history[2]).toEqual({ type: "user", text: "Result of g (zzz): {}" });
    expect(history[3]).toEqual({ type: "model", response: [] });
  });

  it("starts a new model turn after a user message that follows an answer", () => {
    const history = toChatHistory([
      { role: "user", content: "a" },
      { role: "assistant", content: "b" },
      { role: "user", content: "c" },
    ]);
    expect(history.map((item) => item.type)).toEqual(["user", "model", "user", "model"]);
  });
});
