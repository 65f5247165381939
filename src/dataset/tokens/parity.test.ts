// Token counts identical to Python transformers' apply_chat_template (tools included) on the shared samples, for Qwen 3 and
// Llama 3.1, and for toolgate's compact template (the fine-tuning demo's) with the Llama 2 tokenizer.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import { UnknownFormatError } from "../import/detect-format.js";
import { importFile } from "../import/import-file.js";
import type { DatasetRecord } from "../record.js";
import { loadChatTemplate } from "./chat-template.js";
import { createTokenCounter } from "./count-tokens.js";
import { loadTokenizer, vendoredTokenizerDirectory } from "./tokenizer.js";

// The full run (every row of every sample, several minutes of Python) is `TOOLGATE_PARITY_FULL=1`; CI checks the first rows of each file.
const rowsPerFile = process.env.TOOLGATE_PARITY_FULL === "1" ? Number.POSITIVE_INFINITY : 2;
const script = fileURLToPath(new URL("./hf_token_counts.py", import.meta.url));

function transformersAvailable(): boolean {
  const probe = spawnSync("python3", ["-c", "import transformers, jinja2"], { encoding: "utf8" });
  if (probe.status !== 0) console.warn("notice: Python transformers is not importable; the apply_chat_template parity test is skipped (pip install transformers jinja2)");
  return probe.status === 0;
}

function sampleFiles(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (entry === "chat-templates") continue;
    if (statSync(path).isDirectory()) found.push(...sampleFiles(path));
    else if (/\.jsonl?$/.test(entry) && entry !== "dataset_info.json") found.push(path);
  }
  return found.sort();
}

type Count = { id: string; tokens?: number; trainedTokens?: number; error?: string };

describeWithShared(
  "token counts match transformers.apply_chat_template",
  () => {
    const work = mkdtempSync(join(tmpdir(), "toolgate-parity-"));
    afterAll(() => rmSync(work, { recursive: true, force: true }));
    const available = transformersAvailable();

    async function sampleRecords(): Promise<DatasetRecord[]> {
      const records: DatasetRecord[] = [];
      const seen = new Set<string>();
      for (const file of sampleFiles(sharedPath("data", "finetune"))) {
        let taken = 0;
        try {
          for await (const outcome of importFile(file)) {
            if (!outcome.record || taken >= rowsPerFile) continue;
            const id = `${file.slice(file.indexOf("finetune/") + 9)}#${outcome.record.meta.id}`;
            if (seen.has(id)) continue;
            seen.add(id);
            records.push({ ...outcome.record, meta: { ...outcome.record.meta, id } });
            taken += 1;
          }
        } catch (error) {
          // Files that hold no conversations (scored model outputs) are refused by the importer by design.
          if (!(error instanceof UnknownFormatError)) throw error;
        }
      }
      return records;
    }

    const cases = [
      { template: "Qwen-Qwen3-0.6B.jinja", tokenizer: "qwen3" },
      { template: "meta-llama-Llama-3.1-8B-Instruct.jinja", tokenizer: "llama3.1" },
      // A built-in: Python reads its text from a file written here.
      { template: "toolgate-compact", tokenizer: "llama2", builtIn: true },
    ];

    for (const { template: templateFile, tokenizer: tokenizerName, builtIn } of cases) {
      it.skipIf(!available)(`${templateFile} with the ${tokenizerName} tokenizer`, { timeout: process.env.TOOLGATE_PARITY_FULL === "1" ? 7_200_000 : 600_000 }, async () => {
        const records = await sampleRecords();
        const input = join(work, `${tokenizerName}.jsonl`);
        writeFileSync(input, records.map((record) => JSON.stringify(record)).join("\n") + "\n");
        const tokenizer = loadTokenizer(tokenizerName);
        const templatePath = builtIn ? join(work, `${templateFile}.jinja`) : sharedPath("data", "finetune", "chat-templates", "hf-official-via-llama.cpp", templateFile);
        if (builtIn) writeFileSync(templatePath, loadChatTemplate(templateFile, tokenizer.specialTokens).source);

        const counter = createTokenCounter({ template: loadChatTemplate(templatePath, tokenizer.specialTokens), tokenizer });
        const ours = new Map<string, Count>(
          records.map((record) => {
            try {
              return [record.meta.id, counter.count(record)];
            } catch (error) {
              return [record.meta.id, { id: record.meta.id, error: (error as Error).message }];
            }
          }),
        );

        const python = spawnSync("python3", [script, input, templatePath, vendoredTokenizerDirectory(tokenizerName)], { encoding: "utf8", maxBuffer: 64 << 20 });
        expect(python.status, python.stderr).toBe(0);
        const theirs = python.stdout.trim().split("\n").map((line) => JSON.parse(line) as Count);
        expect(theirs).toHaveLength(records.length);

        const mismatches: string[] = [];
        let accepted = 0;
        let refusedByBoth = 0;
        for (const reference of theirs) {
          const mine = ours.get(reference.id);
          if (reference.error !== undefined || mine?.error !== undefined) {
            if (reference.error !== undefined && mine?.error !== undefined) refusedByBoth += 1;
            else mismatches.push(`${reference.id}: transformers ${reference.error ?? "accepts"}, toolgate ${mine?.error ?? "accepts"}`);
            continue;
          }
          accepted += 1;
          if (mine?.tokens !== reference.tokens || mine?.trainedTokens !== reference.trainedTokens) {
            mismatches.push(`${reference.id}: transformers ${reference.tokens}/${reference.trainedTokens}, toolgate ${mine?.tokens}/${mine?.trainedTokens}`);
          }
        }
        console.log(`parity ${templateFile}: ${accepted - mismatches.length} of ${accepted} accepted rows identical, ${records.length} rows in all (${refusedByBoth} refused by the template in both, ${mismatches.length} mismatches)`);
        expect(mismatches).toEqual([]);
        expect(accepted).toBeGreaterThan(records.length / 2);
      });
    }
  },
  "data",
  "finetune",
);
