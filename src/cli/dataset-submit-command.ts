// `toolgate dataset submit <file> --provider openai-compatible:<url> --model <m>`: upload, create the fine-tuning job, poll, audit.
import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { CliError, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface SubmitCliOptions {
  provider: string;
  model: string;
  validationFile?: string;
  bundle?: string;
  suffix?: string;
  epochs?: number;
  seed?: number;
  wait: boolean;
  pollInterval: number;
  audit?: string;
  dataDir?: string;
  json?: boolean;
}

export function registerDatasetSubmitCommand(datasetCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  datasetCommand
    .command("submit <training-file>")
    .description("upload OpenAI fine-tuning JSONL and create a fine-tuning job (OpenAI files / fine_tuning.jobs API), poll it with progress, and record it in the audit trail")
    .requiredOption("--provider <spec>", "openai, or openai-compatible:<base url> (API key from TOOLGATE_FINETUNE_API_KEY or OPENAI_API_KEY)")
    .requiredOption("--model <name>", "the base model to fine-tune, as the provider names it")
    .option("--validation-file <file>", "held-back rows in the same format")
    .option("--bundle <dir>", "the bundle the file came from: its manifest must verify, and its digest is recorded with the job")
    .option("--suffix <text>", "suffix for the fine-tuned model's name")
    .option("--epochs <n>", "training epochs (provider default otherwise)", positiveInteger)
    .option("--seed <n>", "the provider's training seed", positiveInteger)
    .option("--no-wait", "return after the job is created")
    .option("--poll-interval <seconds>", "seconds between status polls", positiveInteger, 10)
    .option("--audit <url>", "audit store to record the job in (default: sqlite:<data dir>/audit.db)")
    .option("--data-dir <dir>", "where the default audit store lives")
    .option("--json", "print the final job as one JSON line")
    .action(async (file: string, options: SubmitCliOptions) => {
      done(await submit(file, options, io));
    });
}

async function submit(file: string, options: SubmitCliOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const dataset = await import("../dataset/index.js");
  const apiKey = io.env.TOOLGATE_FINETUNE_API_KEY ?? io.env.OPENAI_API_KEY;
  if (!apiKey) throw usageError("no API key: set TOOLGATE_FINETUNE_API_KEY (or OPENAI_API_KEY) for the fine-tuning provider");
  try {
    dataset.providerBaseUrl(options.provider);
  } catch (error) {
    throw usageError((error as Error).message, error);
  }
  let manifestDigest: string | undefined;
  const auditCli = await import("./audit-command.js");
  const store = await auditCli.openCliAuditStore(options.audit, options.dataDir, io, "write");
  try {
    if (options.bundle !== undefined) {
      const { defaultAuditKeyPath, resolveAuditKey } = await import("../audit/index.js");
      const url = auditCli.cliAuditUrl(options.audit, options.dataDir, io);
      const verifier = resolveAuditKey({ env: io.env, keyPath: defaultAuditKeyPath(url, cwd), cwd, create: false }).signer.verifier;
      const check = await dataset.verifyBundleManifest(resolve(cwd, options.bundle), verifier);
      if (!check.ok) throw usageError(`--bundle ${options.bundle} does not verify (signature ${check.signature}; changed ${check.changed.length}, missing ${check.missing.length}, added ${check.added.length}): run toolgate dataset verify-manifest`);
      manifestDigest = dataset.manifestDigest(check.manifest);
    }
    let lastStatus = "";
    const result = await dataset
      .submitFineTuningJob({
        provider: options.provider,
        apiKey,
        trainingFile: resolve(cwd, file),
        ...(options.validationFile === undefined ? {} : { validationFile: resolve(cwd, options.validationFile) }),
        model: options.model,
        ...(options.suffix === undefined ? {} : { suffix: options.suffix }),
        ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(manifestDigest === undefined ? {} : { manifestDigest }),
        noWait: !options.wait,
        pollIntervalMs: options.pollInterval * 1000,
        audit: store,
        onProgress: (progress) => {
          // Progress goes to stderr, so stdout stays the result (or the JSON line).
          if (progress.status !== lastStatus) writeLine(io.stderr, `${progress.jobId}: ${progress.status}${progress.trainedTokens ? ` (${progress.trainedTokens} tokens trained)` : ""}`);
          lastStatus = progress.status;
          for (const message of progress.messages) writeLine(io.stderr, `  ${message}`);
        },
      })
      .catch((error: unknown) => {
        if (error instanceof dataset.SubmitError) throw error.kind === "rejected" ? usageError(error.message, error) : new CliError("runtime", error.message, { cause: error });
        throw error;
      });
    if (options.json) writeLine(io.stdout, JSON.stringify(result));
    else {
      writeLine(io.stdout, `job ${result.jobId}: ${result.status}${result.fineTunedModel ? ` → ${result.fineTunedModel}` : ""}`);
      if (result.error?.message) writeLine(io.stdout, `  error: ${result.error.message}${result.error.code ? ` (${result.error.code})` : ""}`);
    }
    return result.status === "failed" || result.status === "cancelled" ? 1 : 0;
  } finally {
    await store.close();
  }
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return parsed;
}
