// Bundles on real files and a real SQLite audit store: data per trainer, a signed manifest, the audit event, tamper detection.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createAuditSigner, openAuditStore } from "../../audit/index.js";
import type { ChainedAuditStore } from "../../audit/index.js";
import type { DatasetRecord } from "../record.js";
import { createTokenCounter, loadChatTemplate, loadTokenizer } from "../tokens/index.js";
import { verifyBundleManifest } from "./manifest.js";
import { BundleError, writeBundle } from "./write-bundle.js";

const tokenizer = loadTokenizer("llama2");
const counter = createTokenCounter({ template: loadChatTemplate("toolgate-chatml", tokenizer.specialTokens), tokenizer });
const signer = createAuditSigner({ hmacSecret: "bundle-test-secret-0123456789" });

function record(index: number, year: string | number): DatasetRecord {
  return {
    messages: [
      { role: "user", content: `Find orders from ${year} for customer ${index}` },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "find_orders", arguments: { customer: index, year } } }] },
      { role: "tool", tool_call_id: "call_1", content: "[]" },
      { role: "assistant", content: "There are none." },
    ],
    tools: [{ type: "function", function: { name: "find_orders", parameters: { type: "object", properties: { customer: { type: "integer" }, year: {} } } } }],
    meta: { id: `row-${index}`, source: { format: "openai", file: "orders.jsonl", line: index + 1 }, licence: "MIT", category: "single" },
  };
}

describe("writeBundle", () => {
  const work = mkdtempSync(join(tmpdir(), "toolgate-bundle-"));
  let store: ChainedAuditStore;
  beforeAll(async () => {
    store = await openAuditStore(`sqlite:${join(work, "audit.db")}`, { signer });
  });
  afterAll(async () => {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  });
  // Call arguments whose types differ across rows: what makes Arrow reject a naive TRL export.
  const rows = [record(1, "2022"), record(2, 2023), record(3, "last year")];

  it("writes a TRL bundle whose signed manifest verifies, and records it in the audit trail", async () => {
    const dir = join(work, "trl");
    const result = await writeBundle({ outDir: dir, trainer: "trl", train: rows, eval: [record(9, 2021)], counter, maxTokens: 512, baseModel: "tiny-model", audit: { signer, store } });
    expect(result.command).toBe("python train.py");
    const trainLines = readFileSync(join(dir, "train.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { messages: unknown[]; tools: string });
    expect(trainLines).toHaveLength(3);
    expect(typeof trainLines[0]?.tools).toBe("string");
    expect(JSON.parse(trainLines[0]?.tools ?? "[]")).toEqual(rows[0]?.tools);
    const config = JSON.parse(readFileSync(join(dir, "sft_config.json"), "utf8")) as Record<string, unknown>;
    expect(config).toMatchObject({ max_length: 512, model: "tiny-model", tokenizer: "tokenizer", lora: { r: 16 }, eval_file: "eval.jsonl" });
    expect(readFileSync(join(dir, "README.md"), "utf8")).toContain("python train.py");

    const manifest = result.manifest;
    expect(manifest.rows).toEqual({ train: 3, eval: 1 });
    expect(manifest.sources).toEqual([{ file: "orders.jsonl", format: "openai", licence: "MIT", rows: 3 }]);
    expect(manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining(["train.jsonl", "eval.jsonl", "train.py", "chat_template.jinja", "tokenizer/tokenizer.json", "README.md"]));
    expect(manifest.audit).toMatchObject({ headSeq: 0 });
    expect(manifest.signature?.keyId).toBe(signer.keyId);

    const check = await verifyBundleManifest(dir, signer.verifier);
    expect(check).toMatchObject({ ok: true, signature: "valid", changed: [], missing: [], added: [] });
    const events = await store.read({ types: ["dataset.bundle"] });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ trainer: "trl", rows: { train: 3, eval: 1 }, keyId: signer.keyId });
  });

  it("detects a changed data file, an added file and a manifest edited after signing", async () => {
    const dir = join(work, "tamper");
    await writeBundle({ outDir: dir, trainer: "trl", train: rows, counter, maxTokens: 512, baseModel: "tiny-model", audit: { signer, store } });
    appendFileSync(join(dir, "train.jsonl"), JSON.stringify({ messages: [{ role: "user", content: "injected" }], tools: "[]" }) + "\n");
    writeFileSync(join(dir, "extra.txt"), "x");
    const check = await verifyBundleManifest(dir, signer.verifier);
    expect(check).toMatchObject({ ok: false, signature: "valid", changed: ["train.jsonl"], added: ["extra.txt"] });

    const manifestPath = join(dir, "manifest.json");
    const edited = JSON.parse(readFileSync(manifestPath, "utf8")) as { rows: { train: number } };
    edited.rows.train = 1000;
    writeFileSync(manifestPath, JSON.stringify(edited));
    expect((await verifyBundleManifest(dir, signer.verifier)).signature).toBe("invalid");
    expect((await verifyBundleManifest(dir, createAuditSigner({ hmacSecret: "some-other-secret-0123456789" }).verifier)).signature).toBe("unknown-key");
  });

  it("writes Axolotl and LLaMA-Factory bundles with configs that parse and carry the context length", async () => {
    const axolotl = await writeBundle({ outDir: join(work, "axolotl"), trainer: "axolotl", train: rows, counter, maxTokens: 768, baseModel: "m" });
    const axolotlConfig = parse(readFileSync(join(axolotl.dir, "config.yml"), "utf8")) as Record<string, unknown>;
    expect(axolotlConfig).toMatchObject({ sequence_len: 768, adapter: "lora", chat_template: "jinja", datasets: [{ type: "chat_template", path: "data/train.jsonl", roles_to_train: ["assistant"] }] });
    expect(axolotlConfig.chat_template_jinja).toBe(counter.template.source);

    const factory = await writeBundle({ outDir: join(work, "llama-factory"), trainer: "llama-factory", train: rows, counter, maxTokens: 768, baseModel: "m" });
    expect(parse(readFileSync(join(factory.dir, "train_lora.yaml"), "utf8"))).toMatchObject({ cutoff_len: 768, finetuning_type: "lora", dataset: "toolgate_train", template: "chatml" });
    const first = JSON.parse(readFileSync(join(factory.dir, "data", "train.jsonl"), "utf8").split("\n")[0] ?? "{}") as { conversations: { from: string; value: string }[] };
    expect(first.conversations.map((turn) => turn.from)).toEqual(["human", "function_call", "observation", "gpt"]);
    expect(JSON.parse(first.conversations[1]?.value ?? "{}")).toEqual({ name: "find_orders", arguments: { customer: 1, year: "2022" } });
    expect(factory.manifest.signature).toBeUndefined();
  });

  it("refuses a row over the context and a folder that already holds a bundle", async () => {
    await expect(writeBundle({ outDir: join(work, "small"), trainer: "trl", train: rows, counter, maxTokens: 20, baseModel: "m" })).rejects.toThrow(/row row-1: \d+ tokens > context 20/);
    await expect(writeBundle({ outDir: join(work, "trl"), trainer: "trl", train: rows, counter, maxTokens: 512, baseModel: "m" })).rejects.toThrow(BundleError);
  });
});
