// Token counts with real templates and vendored tokenizers: totals, trained tokens, weight 0, template refusals.
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../record.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChatTemplateError, compileChatTemplate, loadChatTemplate } from "./chat-template.js";
import { TokenCountError, createTokenCounter, templateMessages } from "./count-tokens.js";
import { loadTokenizer } from "./tokenizer.js";

const weather = {
  type: "function" as const,
  function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

function toolRow(id: string, weight?: 0): DatasetRecord {
  return {
    messages: [
      { role: "system", content: "You are helpful." },
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } }], ...(weight === 0 ? { weight } : {}) },
      { role: "tool", tool_call_id: "call_1", content: '{"temp": 21}' },
      { role: "assistant", content: "It is 21 degrees in Paris." },
    ],
    tools: [weather],
    meta: { id, source: { format: "canonical" } },
  };
}

describe("createTokenCounter", () => {
  const tokenizer = loadTokenizer("qwen3");
  const counter = createTokenCounter({ template: loadChatTemplate("qwen3", tokenizer.specialTokens), tokenizer });

  it("counts the rendered conversation and, separately, the assistant turns the model is trained to produce", () => {
    const count = counter.count(toolRow("r1"));
    const rendered = counter.render(toolRow("r1"));
    expect(rendered).toContain('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>');
    expect(count.tokens).toBe(tokenizer.encode(rendered).length);
    // The two assistant turns: the call and the answer, each a few dozen tokens at most, far fewer than the whole row.
    expect(count.trainedTokens).toBeGreaterThan(15);
    expect(count.trainedTokens).toBeLessThan(count.tokens / 4);
  });

  it("does not train on a turn marked weight 0", () => {
    const all = counter.count(toolRow("r1"));
    const skipped = counter.count(toolRow("r2", 0));
    expect(skipped.tokens).toBe(all.tokens);
    expect(skipped.trainedTokens).toBeLessThan(all.trainedTokens);
    expect(skipped.trainedTokens).toBeGreaterThan(0);
  });

  it("reports a template's raise_exception as the row's error", () => {
    const strict = compileChatTemplate("{% for m in messages %}{% if m.role == 'tool' %}{{ raise_exception('no tool turns') }}{% endif %}{{ m.content }}{% endfor %}", "strict");
    const refusing = createTokenCounter({ template: strict, tokenizer });
    expect(() => refusing.count(toolRow("r9"))).toThrow(TokenCountError);
    expect(() => refusing.count(toolRow("r9"))).toThrow(/row r9: chat template strict: no tool turns/);
  });
});

describe("loadChatTemplate", () => {
  it("names the file of a template that does not parse, and a missing one by what was asked", () => {
    const work = mkdtempSync(join(tmpdir(), "toolgate-template-"));
    try {
      const path = join(work, "broken.jinja");
      writeFileSync(path, "{{ broken %}");
      expect(() => loadChatTemplate(path)).toThrow(ChatTemplateError);
      expect(() => loadChatTemplate(path)).toThrow(`${path}:1:1: chat template broken: does not parse`);
      expect(() => loadChatTemplate(join(work, "absent.jinja"))).toThrow(/chat template .*absent\.jinja: no such file, and not a built-in name/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("templateMessages", () => {
  it("gives templates \"\" for a null assistant content and Qwen 3's reasoning_content, and keeps weight out", () => {
    const [shaped] = templateMessages([{ role: "assistant", content: null, reasoning: "think", weight: 0 }]);
    expect(shaped).toEqual({ role: "assistant", content: "", reasoning_content: "think" });
  });
});

describe("toolgate-chatml template", () => {
  it("renders tools and calls, and works with the Llama 2 tokenizer used by the fine-tuning demo", () => {
    const tokenizer = loadTokenizer("llama2");
    const counter = createTokenCounter({ template: loadChatTemplate("toolgate-chatml", tokenizer.specialTokens), tokenizer });
    const rendered = counter.render(toolRow("c1"));
    expect(rendered.startsWith("<s><|im_start|>system\nYou are helpful.\n\nYou can call these tools:\n<tools>\n{\"type\": \"function\"")).toBe(true);
    expect(rendered).toContain('<|im_start|>assistant\n<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call><|im_end|>\n');
    const count = counter.count(toolRow("c1"));
    expect(count.trainedTokens).toBeGreaterThan(0);
    expect(count.trainedTokens).toBeLessThan(count.tokens);
  });
});
