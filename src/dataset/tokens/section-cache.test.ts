// The memoised encode gives exactly the ids of @lenml/tokenizers' own encode (add_special_tokens: false), for every
// vendored tokenizer, on tricky texts and on every shared sample's rendered rows, and keeps doing so once parts repeat.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { TokenizerLoader } from "@lenml/tokenizers";
import { describe, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import { importFile } from "../import/import-file.js";
import { UnknownFormatError } from "../import/detect-format.js";
import { loadChatTemplate } from "./chat-template.js";
import { createTokenCounter } from "./count-tokens.js";
import { sectionCachedEncoder } from "./section-cache.js";
import { vendoredTokenizerDirectory } from "./tokenizer.js";

const loaded = new Map<string, ReturnType<typeof TokenizerLoader.fromPreTrained>>();
/** The library's own tokenizer, loaded once per name for the whole file (loading is the slow part). */
function plainTokenizer(name: string) {
  const known = loaded.get(name);
  if (known) return known;
  const directory = vendoredTokenizerDirectory(name);
  const read = (file: string) => JSON.parse(readFileSync(join(directory, file), "utf8")) as Record<string, unknown>;
  const tokenizer = TokenizerLoader.fromPreTrained({ tokenizerJSON: read("tokenizer.json"), tokenizerConfig: read("tokenizer_config.json") } as Parameters<typeof TokenizerLoader.fromPreTrained>[0]);
  loaded.set(name, tokenizer);
  return tokenizer;
}

const tricky = [
  "",
  " ",
  "Hello world",
  "  leading spaces and trailing  ",
  "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n",
  "<|im_start|><|im_end|><|im_start|>",
  "<s>[INST] Hi [/INST] Hello</s><s>[INST] again [/INST]",
  "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWeather?<|eot_id|>",
  "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"x\": 1}}\n</tool_call>",
  "numbers 1234567 and ünïcödé, 東京 🌧️ emoji\r\n\r\n\ttabs",
  "A" + "b".repeat(300) + " " + "word ".repeat(200),
];

describe("sectionCachedEncoder", () => {
  for (const name of ["qwen3", "llama3.1", "llama2"]) {
    it(`matches the plain encode of the ${name} tokenizer, cold and warm`, () => {
      const plain = plainTokenizer(name);
      const cached = sectionCachedEncoder(plain);
      expect(cached).toBeDefined();
      const expected = tricky.map((text) => plain.encode(text, { add_special_tokens: false }));
      // Twice: the second pass is served from the cache.
      expect(tricky.map((text) => cached?.(text))).toEqual(expected);
      expect(tricky.map((text) => cached?.(text))).toEqual(expected);
      // A part seen first later in a text and then first in another (prepend-first pre-tokenizers treat them apart).
      expect(cached?.("Hello</s>Hello")).toEqual(plain.encode("Hello</s>Hello", { add_special_tokens: false }));
      expect(cached?.("Hello")).toEqual(plain.encode("Hello", { add_special_tokens: false }));
    });
  }

  it("stays exact when the cache fills and is cleared", () => {
    const plain = plainTokenizer("qwen3");
    const cached = sectionCachedEncoder(plain, { maxEntries: 3, maxPartLength: 40 });
    const texts = Array.from({ length: 12 }, (_, index) => `<|im_start|>user\nrow ${index} ${"x".repeat(index * 5)}<|im_end|>`);
    for (const text of [...texts, ...texts]) expect(cached?.(text)).toEqual(plain.encode(text, { add_special_tokens: false }));
  });
});

describeWithShared(
  "sectionCachedEncoder on the shared samples",
  () => {
    it("gives the plain encode's ids for rendered rows of every sample file (Qwen 3 and Llama 2 tokenizers)", async () => {
      const root = sharedPath("data", "finetune");
      const files = ["openai-cookbook-drone", "hammer", "hermes-function-calling", "llama-factory", "tau-bench-trajectories", "toolalpaca", "hermes-fc-data-genie-examples", "hammer-xlam-style"]
        .flatMap((folder) => listJson(join(root, folder)));
      for (const tokenizerName of ["qwen3", "llama2"]) {
        const plain = plainTokenizer(tokenizerName);
        const cached = sectionCachedEncoder(plain);
        if (cached === undefined) throw new Error(`${tokenizerName}: no cached path`);
        // Rendering needs only the special-token strings; the counter's own tokenizer is not used here.
        const config = JSON.parse(readFileSync(join(vendoredTokenizerDirectory(tokenizerName), "tokenizer_config.json"), "utf8")) as { eos_token?: unknown };
        const specialTokens = typeof config.eos_token === "string" ? { eos_token: config.eos_token } : {};
        const counter = createTokenCounter({ template: loadChatTemplate("toolgate-chatml", specialTokens), tokenizer: { name: tokenizerName, specialTokens, encode: cached } });
        let compared = 0;
        for (const file of files) {
          let taken = 0;
          try {
            for await (const outcome of importFile(file)) {
              if (!outcome.record || taken >= 4) continue;
              taken += 1;
              const text = counter.render(outcome.record);
              expect(cached(text), `${file} ${outcome.record.meta.id}`).toEqual(plain.encode(text, { add_special_tokens: false }));
              compared += 1;
            }
          } catch (error) {
            if (!(error instanceof UnknownFormatError)) throw error;
          }
        }
        expect(compared).toBeGreaterThan(20);
      }
    }, 120_000);
  },
  "data",
  "finetune",
);

function listJson(folder: string): string[] {
  return readdirSync(folder)
    .map((entry) => join(folder, entry))
    .filter((path) => statSync(path).isFile() && /\.jsonl?$/.test(path) && !path.endsWith("dataset_info.json"))
    .sort();
}
