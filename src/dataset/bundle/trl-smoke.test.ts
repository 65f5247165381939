// Smoke test of a TRL bundle in real TRL: a few CPU steps on a tiny random model, and loss only on the assistant tokens.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { DatasetRecord } from "../record.js";
import { createTokenCounter, loadChatTemplate, loadTokenizer, vendoredTokenizerDirectory } from "../tokens/index.js";
import { writeBundle } from "./write-bundle.js";

const makeTinyModel = fileURLToPath(new URL("../../../demo/finetune/make_tiny_model.py", import.meta.url));

function pythonTrainingAvailable(): boolean {
  const probe = spawnSync("python3", ["-c", "import torch, transformers, trl, peft, datasets"], { encoding: "utf8" });
  if (probe.status !== 0) console.warn("notice: torch/transformers/trl/peft/datasets are not importable; the TRL bundle smoke test is skipped (pip install torch transformers trl peft datasets accelerate)");
  return probe.status === 0;
}

function row(index: number, city: string, units: string | number): DatasetRecord {
  return {
    messages: [
      { role: "system", content: "You are a weather assistant." },
      { role: "user", content: `USER-TEXT weather in ${city}?` },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: { city, units } } }] },
      { role: "tool", tool_call_id: "call_1", content: `TOOL-RESULT {"temp": ${10 + index}}` },
      { role: "assistant", content: `It is ${10 + index} degrees in ${city}.` },
    ],
    tools: [{ type: "function", function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" }, units: {} }, required: ["city"] } } }],
    meta: { id: `w${index}`, source: { format: "canonical" }, category: "single" },
  };
}

describe.skipIf(!pythonTrainingAvailable())("TRL bundle smoke test", () => {
  const work = mkdtempSync(join(tmpdir(), "toolgate-trl-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("trains a few steps with TRL's SFTTrainer, and only assistant tokens carry loss", { timeout: 900_000 }, async () => {
    const tokenizer = loadTokenizer("llama2");
    const counter = createTokenCounter({ template: loadChatTemplate("toolgate-chatml", tokenizer.specialTokens), tokenizer });
    // Units typed as a string in one row and a number in another: the Arrow type clash the bundle must survive.
    const rows = [row(1, "Paris", "celsius"), row(2, "Oslo", 1), row(3, "Lima", "kelvin"), row(4, "Rome", 2)];
    const bundle = join(work, "bundle");
    await writeBundle({ outDir: bundle, trainer: "trl", train: rows, counter, maxTokens: 512, baseModel: join(work, "tiny"), settings: { useCpu: true, maxSteps: 2, batchSize: 2, gradientAccumulationSteps: 1, warmupSteps: 0, lora: { r: 4, alpha: 8, dropout: 0, targetModules: "all-linear" } } });

    // One interpreter for both scripts: importing torch twice costs more than the training.
    const driver = [
      "import runpy, sys",
      `sys.argv = ['make_tiny_model.py', ${JSON.stringify(vendoredTokenizerDirectory("llama2"))}, ${JSON.stringify(join(work, "tiny"))}, '--layers', '1', '--hidden', '64']`,
      `runpy.run_path(${JSON.stringify(makeTinyModel)}, run_name='__main__')`,
      `sys.argv = ['train.py', '--dump-labels', ${JSON.stringify(join(work, "labels.json"))}, '--output-dir', ${JSON.stringify(join(work, "out"))}]`,
      `runpy.run_path(${JSON.stringify(join(bundle, "train.py"))}, run_name='__main__')`,
    ].join("\n");
    const run = spawnSync("python3", ["-c", driver], { cwd: bundle, encoding: "utf8", env: { ...process.env, TOKENIZERS_PARALLELISM: "false", OMP_NUM_THREADS: "1" }, maxBuffer: 64 << 20 });
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { train_loss?: number; steps?: number };
    expect(summary.steps).toBe(2);
    expect(Number.isFinite(summary.train_loss)).toBe(true);
    expect(existsSync(join(work, "out", "config.json"))).toBe(true);

    const labels = JSON.parse(readFileSync(join(work, "labels.json"), "utf8")) as { tokens: number; trainedTokens: number; trainedText: string }[];
    expect(labels).toHaveLength(rows.length);
    labels.forEach((labelled, index) => {
      const ours = counter.count(rows[index] as DatasetRecord);
      // TRL's labels (from the template's generation marks) are exactly the tokens the token step counts as trained.
      expect({ tokens: labelled.tokens, trainedTokens: labelled.trainedTokens }).toEqual({ tokens: ours.tokens, trainedTokens: ours.trainedTokens });
      expect(labelled.trainedText).toContain('<tool_call>{"name": "get_weather", "arguments": {"city": ');
      expect(labelled.trainedText).toContain(`It is ${11 + index} degrees`);
      for (const context of ["USER-TEXT", "TOOL-RESULT", "weather assistant", "You can call these tools"]) expect(labelled.trainedText).not.toContain(context);
    });
  });
});
