// The dataset card from a real token report: composition, the histogram against the context, defects, duplicates, leakage.
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../record.js";
import { createTokenCounter, loadChatTemplate, loadTokenizer, runTokenStep } from "../tokens/index.js";
import { renderDatasetCard } from "./dataset-card.js";

function row(id: string, words: number): DatasetRecord {
  return { messages: [{ role: "user", content: "hi ".repeat(words) }, { role: "assistant", content: "ok" }], tools: [], meta: { id, source: { format: "canonical" } } };
}

describe("renderDatasetCard", () => {
  it("shows each section with its numbers, as Markdown and as self-contained HTML with inline charts", async () => {
    const tokenizer = loadTokenizer("llama2");
    const counter = createTokenCounter({ template: loadChatTemplate("toolgate-chatml", tokenizer.specialTokens), tokenizer });
    const step = runTokenStep([row("a", 10), row("b", 40), row("c", 400)], { counter, maxTokens: 200, strategies: ["drop"] });
    for await (const _ of step.rows) void _;
    const report = step.report();
    const card = renderDatasetCard({
      title: "Orders assistant data",
      composition: { single: 30, "no-call": 10 },
      tokens: report,
      defects: { "arguments-double-encoded": { count: 6, severity: "error" }, "placeholder-call-id": { count: 87, severity: "warning" }, clean: { count: 0 } },
      duplicates: { exact: 1, near: 3, clusters: 2, removed: 4 },
      leakage: { checked: 40, leaking: 2, removed: 2, against: ["bfcl"], rows: ["r7", "r9"] },
    });
    expect(card.markdown).toContain("- single: 30 (75.0%)");
    expect(card.markdown).toContain("- 3 rows: 2 kept, 0 fitted, 1 dropped, 0 refused by the template");
    expect(card.markdown).toContain("- arguments-double-encoded (error): 6");
    expect(card.markdown).not.toContain("clean");
    expect(card.markdown).toContain("- leaking rows: 2 of 40, removed: 2");
    expect(card.html).toContain("context 200");
    expect(card.html).toContain('fill="#c0392b"');
    expect(card.html.match(/<svg /g)).toHaveLength(4);
    // Self-contained: nothing to fetch.
    expect(card.html).not.toMatch(/<script|src=|href=/);
  });

  it("says so when no leakage check was recorded", () => {
    expect(renderDatasetCard({ title: "t" }).markdown).toContain("No leakage check was recorded");
  });
});
