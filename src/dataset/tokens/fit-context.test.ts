// Context strategies on real token counts: each fits the row or hands it on, every change is recorded, nothing silently lost.
import { describe, expect, it } from "vitest";
import type { DatasetRecord, RecordMessage, RecordTool } from "../record.js";
import { loadChatTemplate } from "./chat-template.js";
import { createTokenCounter } from "./count-tokens.js";
import { fitRowToContext, isDropped, parseFitStrategies } from "./fit-context.js";
import { runTokenStep } from "./token-step.js";
import { loadTokenizer } from "./tokenizer.js";

const tokenizer = loadTokenizer("llama2");
const counter = createTokenCounter({ template: loadChatTemplate("toolgate-chatml", tokenizer.specialTokens), tokenizer });

const tool = (name: string): RecordTool => ({
  type: "function",
  function: { name, description: `Looks up ${name} records by id, with paging and filters.`, parameters: { type: "object", properties: { id: { type: "string" } } } },
});

function exchange(turn: number, result: string): RecordMessage[] {
  return [
    { role: "user", content: `Question ${turn}: what does record ${turn} say?` },
    { role: "assistant", content: null, tool_calls: [{ id: `c${turn}`, type: "function", function: { name: "lookup", arguments: { id: String(turn) } } }] },
    { role: "tool", tool_call_id: `c${turn}`, content: result },
    { role: "assistant", content: `Record ${turn} is fine.` },
  ];
}

function row(id: string, turns: number, resultLength: number, tools = 1): DatasetRecord {
  return {
    messages: [{ role: "system", content: "Answer from the records." }, ...Array.from({ length: turns }, (_, index) => exchange(index + 1, "word ".repeat(resultLength / 5))).flat()],
    tools: [tool("lookup"), ...Array.from({ length: tools - 1 }, (_, index) => tool(`other_${index}`))],
    meta: { id, source: { format: "canonical" } },
  };
}

describe("fitRowToContext", () => {
  it("keep-used-tools drops the tools the row never calls, and records it", () => {
    const wide = row("wide", 1, 50, 12);
    const before = counter.count(wide).tokens;
    const fitted = fitRowToContext(wide, counter, before - 100, ["keep-used-tools"]);
    if (isDropped(fitted)) throw new Error(fitted.reason);
    expect(fitted.record.tools.map((item) => item.function.name)).toEqual(["lookup"]);
    expect(fitted.count.tokens).toBeLessThan(before - 100);
    expect(fitted.record.meta.repairs?.[0]).toMatchObject({ step: "tokens", kind: "keep-used-tools", field: "tools" });
  });

  it("trim-tool-results shortens the long result with a marker saying how much was cut", () => {
    const long = row("long", 1, 8000);
    const fitted = fitRowToContext(long, counter, 1200, ["trim-tool-results"]);
    if (isDropped(fitted)) throw new Error(fitted.reason);
    const result = fitted.record.messages.find((message) => message.role === "tool");
    expect(result?.content).toMatch(/…\[toolgate: \d+ characters trimmed to fit the context\]$/);
    expect(fitted.count.tokens).toBeLessThanOrEqual(1200);
    expect(fitted.actions[0]).toMatchObject({ strategy: "trim-tool-results" });
  });

  it("drop-oldest-turns keeps the system message and the last exchange", () => {
    const chatty = row("chatty", 6, 400);
    const fitted = fitRowToContext(chatty, counter, counter.count(row("one", 2, 400)).tokens, ["drop-oldest-turns"]);
    if (isDropped(fitted)) throw new Error(fitted.reason);
    expect(fitted.record.messages[0]).toEqual({ role: "system", content: "Answer from the records." });
    expect(fitted.record.messages[1]).toMatchObject({ role: "user", content: expect.stringMatching(/^Question [56]:/) });
    expect(fitted.record.messages.at(-1)).toEqual({ role: "assistant", content: "Record 6 is fine." });
  });

  it("drops a row no strategy could fit, with the reason, instead of leaving it over the context", () => {
    const dropped = fitRowToContext(row("huge", 1, 400, 1), counter, 50, ["keep-used-tools", "trim-tool-results"]);
    expect(isDropped(dropped) && dropped.reason).toMatch(/tokens > context 50 after trim-tool-results/);
  });

  it("rejects an unknown strategy name", () => {
    expect(() => parseFitStrategies("drop,squeeze")).toThrow(/unknown context strategy "squeeze"/);
  });
});

describe("runTokenStep", () => {
  it("counts, fits, drops and reports every row", async () => {
    const rows = [row("a", 1, 50), row("b", 1, 8000), row("c", 30, 200)];
    const step = runTokenStep(rows, { counter, maxTokens: 1500, strategies: ["trim-tool-results", "drop"] });
    const kept: string[] = [];
    for await (const item of step.rows) kept.push(item.record.meta.id);
    const report = step.report();
    expect(kept).toEqual(["a", "b"]);
    expect(report).toMatchObject({ rows: 3, kept: 2, maxTokens: 1500 });
    expect(report.dropped.map((item) => item.id)).toEqual(["c"]);
    expect(report.actions.map((item) => item.id)).toEqual(["b"]);
    expect(report.histogram.reduce((sum, bin) => sum + bin.rows, 0)).toBe(3);
  });
});
