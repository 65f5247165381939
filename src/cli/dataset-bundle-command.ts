// `toolgate dataset bundle <train.jsonl> --trainer trl --out dir …`: trainer-ready folders with a manifest signed by the audit key.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { BundleProvenance, Trainer, TrainingSettings } from "../dataset/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface BundleCliOptions {
  trainer: string;
  out: string;
  template: string;
  tokenizer: string;
  maxTokens: number;
  baseModel: string;
  eval?: string;
  provenance?: string;
  audit?: string;
  dataDir?: string;
  sign: boolean;
  force?: boolean;
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  maxSteps?: number;
  cpu?: boolean;
  lora: boolean;
  loraR?: number;
}

export function registerDatasetBundleCommand(datasetCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  datasetCommand
    .command("bundle <train-file>")
    .description("write a folder per trainer (data, config, README with the one command to train) and a manifest.json signed with the audit key, recorded in the audit trail")
    .requiredOption("--trainer <list>", "trl, axolotl, llama-factory (comma-separated for several)")
    .requiredOption("--out <dir>", "bundles go to <dir>/<trainer>/")
    .requiredOption("--template <name|file>", "the chat template the rows are rendered with (as for `dataset tokens`)")
    .requiredOption("--tokenizer <name|dir>", "the target model's tokenizer (as for `dataset tokens`)")
    .requiredOption("--max-tokens <n>", "the training context; every row must fit (run `dataset tokens --fit` first)", positiveInteger)
    .requiredOption("--base-model <id|path>", "the model to fine-tune (Hugging Face id or local folder)")
    .option("--eval <file>", "held-back rows (canonical JSON Lines) written as the bundle's eval split")
    .option("--provenance <file>", "JSON with sources (licences), filters, seeds, steps (counts per step), leakage and auditHead, e.g. a `dataset build` report")
    .option("--audit <url>", "audit store to record the bundle in and whose key signs the manifest (default: sqlite:<data dir>/audit.db)")
    .option("--data-dir <dir>", "where the default audit store lives")
    .option("--no-sign", "write an unsigned manifest and record nothing (the bundle can then not be attested)")
    .option("--force", "overwrite existing bundle folders")
    .option("--epochs <n>", "training epochs (default 3)", positiveNumber)
    .option("--learning-rate <x>", "learning rate (default 2e-4)", positiveNumber)
    .option("--batch-size <n>", "per-device batch size (default 2)", positiveInteger)
    .option("--max-steps <n>", "TRL: stop after this many optimiser steps", positiveInteger)
    .option("--cpu", "TRL: train on the CPU")
    .option("--no-lora", "full fine-tuning instead of LoRA")
    .option("--lora-r <n>", "LoRA rank (default 16; alpha is twice it)", positiveInteger)
    .action(async (file: string, options: BundleCliOptions) => {
      done(await bundle(file, options, io));
    });
}

async function bundle(file: string, options: BundleCliOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const dataset = await import("../dataset/index.js");
  const trainerList = options.trainer.split(",").map((name) => name.trim());
  for (const name of trainerList) if (!(dataset.trainers as readonly string[]).includes(name)) throw usageError(`--trainer ${name}: expected one of ${dataset.trainers.join(", ")}`);
  let counter: ReturnType<typeof dataset.createTokenCounter>;
  try {
    const tokenizer = await dataset.openTokenizer(options.tokenizer, cwd);
    counter = dataset.createTokenCounter({ template: dataset.loadChatTemplate(options.template, tokenizer.specialTokens, cwd), tokenizer });
  } catch (error) {
    throw usageError((error as Error).message, error);
  }
  const provenance = options.provenance === undefined ? undefined : await readProvenance(resolve(cwd, options.provenance));
  const settings: Partial<TrainingSettings> = {
    ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
    ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
    ...(options.cpu ? { useCpu: true } : {}),
    ...(!options.lora ? { lora: false as const } : options.loraR === undefined ? {} : { lora: { ...(dataset.defaultTrainingSettings.lora as Exclude<TrainingSettings["lora"], false>), r: options.loraR, alpha: options.loraR * 2 } }),
  };

  let audit: Parameters<typeof dataset.writeBundle>[0]["audit"];
  let closeStore: (() => Promise<void>) | undefined;
  if (options.sign) {
    const auditCli = await import("./audit-command.js");
    const { defaultAuditKeyPath, resolveAuditKey } = await import("../audit/index.js");
    const url = auditCli.cliAuditUrl(options.audit, options.dataDir, io);
    const store = await auditCli.openCliAuditStore(options.audit, options.dataDir, io, "write");
    closeStore = () => store.close();
    audit = { store, signer: resolveAuditKey({ env: io.env, keyPath: defaultAuditKeyPath(url, cwd), cwd }).signer };
  }
  try {
    for (const trainer of trainerList as Trainer[]) {
      const result = await dataset
        .writeBundle({
          outDir: resolve(cwd, options.out, trainer),
          trainer,
          train: dataset.readRecords(resolve(cwd, file)),
          ...(options.eval === undefined ? {} : { eval: dataset.readRecords(resolve(cwd, options.eval)) }),
          counter,
          maxTokens: options.maxTokens,
          baseModel: options.baseModel,
          settings,
          ...(provenance === undefined ? {} : { provenance }),
          ...(audit === undefined ? {} : { audit }),
          force: options.force === true,
        })
        .catch((error: unknown) => {
          throw error instanceof dataset.BundleError ? usageError(error.message, error) : error;
        });
      const signed = result.manifest.signature ? `signed ${result.manifest.signature.keyId}` : "unsigned";
      writeLine(io.stdout, `${trainer}: ${join(options.out, trainer)} — ${result.manifest.rows.train} train / ${result.manifest.rows.eval} eval rows, ${result.manifest.files.length} files, manifest ${signed}`);
      writeLine(io.stdout, `  train: (cd ${join(options.out, trainer)} && ${result.command})`);
    }
  } finally {
    await closeStore?.();
    await counter.tokenizer.dispose?.();
  }
  return 0;
}

async function readProvenance(path: string): Promise<BundleProvenance> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw usageError(`--provenance ${path}: ${(error as Error).message}`, error);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw usageError(`--provenance ${path}: expected a JSON object`);
  return value as BundleProvenance;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return parsed;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError("expected a positive number");
  return parsed;
}
