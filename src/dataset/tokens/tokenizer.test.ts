// Tokenizers by every kind of spec: vendored names, folders, tiktoken, a GGUF's own vocabulary; bad specs named clearly.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeWithShared, tinyModelPath } from "../../test-support/shared-data.js";
import { loadChatTemplate } from "./chat-template.js";
import { createTokenCounter } from "./count-tokens.js";
import { TokenizerLoadError, loadTokenizer, openTokenizer, vendoredTokenizerDirectory } from "./tokenizer.js";

describe("loadTokenizer", () => {
  const work = mkdtempSync(join(tmpdir(), "toolgate-tokenizer-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("loads a vendored tokenizer by name or by its folder, with the special tokens templates print", () => {
    const byName = loadTokenizer("llama2");
    const byFolder = loadTokenizer(vendoredTokenizerDirectory("llama2"));
    expect(byName.specialTokens).toEqual({ bos_token: "<s>", eos_token: "</s>", unk_token: "<unk>" });
    expect(byFolder.encode("Hello world")).toEqual(byName.encode("Hello world"));
    // Special tokens written in the text are matched, none are added.
    expect(byName.encode("<s>Hi")[0]).toBe(1);
    expect(byName.encode("Hi")[0]).not.toBe(1);
  });

  it("loads tiktoken encodings by model name", () => {
    const byModel = loadTokenizer("tiktoken:gpt-4o");
    expect(byModel.name).toBe("tiktoken:gpt-4o");
    expect(byModel.encode("hello world")).toHaveLength(2);
    expect(() => loadTokenizer("tiktoken:no-such-model")).toThrow(/unknown encoding or model/);
  });

  it("names what is missing or broken", () => {
    expect(() => loadTokenizer("no-such-tokenizer")).toThrow(/no such file or folder, and not a vendored name \(qwen3, llama3\.1, llama2\)/);
    writeFileSync(join(work, "tokenizer.json"), "{ broken");
    expect(() => loadTokenizer(work)).toThrow(TokenizerLoadError);
    expect(() => loadTokenizer(work)).toThrow(/tokenizer\.json is not valid JSON/);
  });
});

describeWithShared(
  "openTokenizer with a GGUF",
  () => {
    it("reads the GGUF's own vocabulary through node-llama-cpp and counts rendered rows with it", async () => {
      const gguf = await openTokenizer(tinyModelPath());
      try {
        expect(gguf.specialTokens).toMatchObject({ bos_token: "<s>", eos_token: "</s>" });
        const text = "Weather in Paris, please: {\"city\": \"Paris\"}";
        // The GGUF's vocabulary, not the vendored 32k one: same size class, different ids.
        expect(gguf.encode(text)).not.toEqual(loadTokenizer("llama2").encode(text));
        expect(gguf.encode(`<s>${text}`)).toEqual([1, ...gguf.encode(text)]);
        const counter = createTokenCounter({ template: loadChatTemplate("toolgate-chatml", gguf.specialTokens), tokenizer: gguf });
        const row = { messages: [{ role: "user" as const, content: text }, { role: "assistant" as const, content: "Sunny." }], tools: [], meta: { id: "g1", source: { format: "canonical" as const } } };
        expect(counter.count(row).tokens).toBe(gguf.encode(counter.render(row)).length);
        expect(counter.count(row).trainedTokens).toBeGreaterThan(2);
      } finally {
        await gguf.dispose?.();
      }
    });
  },
  "models",
  "llama-2-tiny-random.gguf",
);
