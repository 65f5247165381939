// Writes one trainer's bundle: data, config, README with the one command, and a manifest signed with the audit key.
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AuditEventInput, AuditSigner, SignedHead } from "../../audit/index.js";
import { openJsonlWriter } from "../io/jsonl-writer.js";
import type { DatasetRecord } from "../record.js";
import type { TokenCounter } from "../tokens/index.js";
import type { DatasetManifest, ManifestAuditHead, ManifestSource, ManifestStepCount } from "./manifest.js";
import { hashBundleFiles, manifestDigest, manifestFileName, manifestSchema, signManifest } from "./manifest.js";
import { sha256Hex } from "../../record/index.js";
import type { TrainingSettings } from "./trainer-config.js";
import { defaultTrainingSettings, llamaFactoryTemplateFor, trainerFiles } from "./trainer-config.js";
import type { Trainer } from "./trainer-rows.js";
import { axolotlRow, llamaFactoryRow, trlRow } from "./trainer-rows.js";
import { bundleReadme } from "./bundle-readme.js";

export class BundleError extends Error {
  override readonly name = "BundleError";
}

/** Where the bundle is attested: the store it records its event in, and the audit key it signs with. */
interface BundleAudit {
  signer: AuditSigner;
  store: { readonly url: string; append(events: AuditEventInput[]): Promise<unknown>; head(): Promise<SignedHead | undefined> };
}

export interface BundleProvenance {
  /** Sources with licences; rows' own `meta.source`/`licence` fill in whatever is not given. */
  sources?: ManifestSource[];
  filters?: unknown;
  seeds?: Record<string, number>;
  steps?: ManifestStepCount[];
  leakage?: unknown;
  /** The head the traces were read at (from the trace import); the store's current head when not given. */
  auditHead?: ManifestAuditHead;
}

export interface BundleOptions {
  outDir: string;
  trainer: Trainer;
  train: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>;
  eval?: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>;
  /** Counts every row again with the target template and tokenizer; a row over maxTokens stops the bundle. */
  counter: TokenCounter;
  maxTokens: number;
  /** Hugging Face id or local path of the model to fine-tune. */
  baseModel: string;
  settings?: Partial<TrainingSettings>;
  provenance?: BundleProvenance;
  audit?: BundleAudit;
  /** Overwrite a folder that already holds a bundle. */
  force?: boolean;
  clock?: () => Date;
}

export interface BundleResult {
  dir: string;
  manifest: DatasetManifest;
  command: string;
  /** LLaMA-Factory: assistant turns whose text beside calls its format cannot hold (counted, listed in the README). */
  droppedText: number;
}

export async function writeBundle(options: BundleOptions): Promise<BundleResult> {
  const { outDir, trainer, counter, maxTokens } = options;
  if (existsSync(join(outDir, manifestFileName)) && !options.force) throw new BundleError(`${outDir} already holds a bundle; pass force (--force) to overwrite it`);
  if (existsSync(outDir) && !options.force && (await readdir(outDir)).length > 0) throw new BundleError(`${outDir} is not empty; give a new folder or pass force (--force)`);
  await mkdir(outDir, { recursive: true });
  const settings: TrainingSettings = { ...defaultTrainingSettings, ...options.settings };
  const dataDir = trainer === "trl" ? outDir : join(outDir, "data");
  await mkdir(dataDir, { recursive: true });

  const sources = new Map<string, ManifestSource>();
  const categories: Record<string, number> = {};
  let droppedText = 0;
  const tokens = { train: 0, trained: 0 };

  async function writeSplit(rows: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>, file: string, isTrain: boolean): Promise<number> {
    const writer = openJsonlWriter(join(dataDir, file));
    try {
      for await (const record of rows) {
        const count = counter.count(record);
        if (count.tokens > maxTokens) throw new BundleError(`row ${record.meta.id}: ${count.tokens} tokens > context ${maxTokens}; run the tokens step with a --fit strategy first`);
        if (isTrain) {
          tokens.train += count.tokens;
          tokens.trained += count.trainedTokens;
          const category = record.meta.category ?? "uncategorised";
          categories[category] = (categories[category] ?? 0) + 1;
          const source = record.meta.source;
          const key = `${source.file ?? "(inline)"}|${source.format}|${record.meta.licence ?? "unknown"}`;
          const entry = sources.get(key) ?? { file: source.file ?? "(inline)", format: source.format, licence: record.meta.licence ?? "unknown", rows: 0 };
          entry.rows += 1;
          sources.set(key, entry);
        }
        if (trainer === "trl") await writer.write(trlRow(record));
        else if (trainer === "axolotl") await writer.write(axolotlRow(record));
        else {
          const shaped = llamaFactoryRow(record);
          droppedText += shaped.droppedText;
          await writer.write(shaped.row);
        }
      }
    } finally {
      await writer.close();
    }
    return writer.count;
  }

  const trainRows = await writeSplit(options.train, "train.jsonl", true);
  if (trainRows === 0) throw new BundleError("no training rows: the bundle would train on nothing");
  const evalRows = options.eval ? await writeSplit(options.eval, "eval.jsonl", false) : 0;

  let tokenizer = counter.tokenizer.name;
  if (trainer === "trl" && counter.tokenizer.directory) {
    // The trainer tokenizes with exactly the files the rows were counted with.
    await mkdir(join(outDir, "tokenizer"), { recursive: true });
    for (const name of ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]) {
      const from = join(counter.tokenizer.directory, name);
      if (existsSync(from)) await copyFile(from, join(outDir, "tokenizer", name));
    }
    tokenizer = "tokenizer";
  }
  const { files, command } = trainerFiles(trainer, {
    baseModel: options.baseModel,
    template: counter.template.source,
    llamaFactoryTemplate: llamaFactoryTemplateFor(counter.template.name),
    tokenizer,
    maxTokens,
    hasEval: evalRows > 0,
    settings,
  });
  for (const file of files) {
    await mkdir(dirname(join(outDir, file.path)), { recursive: true });
    await writeFile(join(outDir, file.path), file.content);
  }

  const provenance = options.provenance ?? {};
  const auditHead = provenance.auditHead ?? (options.audit ? await currentHead(options.audit) : undefined);
  const clock = options.clock ?? (() => new Date());
  const unsignedBase: Omit<DatasetManifest, "files" | "signature"> = {
    schema: manifestSchema,
    createdAt: clock().toISOString(),
    trainer,
    baseModel: options.baseModel,
    template: { name: counter.template.name, sha256: sha256Hex(counter.template.source) },
    tokenizer: counter.tokenizer.name,
    maxTokens,
    rows: { train: trainRows, eval: evalRows },
    tokens,
    categories,
    sources: provenance.sources ?? [...sources.values()],
    filters: provenance.filters ?? null,
    seeds: provenance.seeds ?? { training: settings.seed },
    steps: provenance.steps ?? [],
    leakage: provenance.leakage ?? null,
    ...(auditHead === undefined ? {} : { audit: auditHead }),
  };
  await writeFile(join(outDir, "README.md"), bundleReadme({ trainer, command, manifest: unsignedBase, droppedText }));
  const unsigned: DatasetManifest = { ...unsignedBase, files: await hashBundleFiles(outDir) };
  const manifest = options.audit ? signManifest(unsigned, options.audit.signer) : unsigned;
  await writeFile(join(outDir, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.audit) {
    await options.audit.store.append([
      {
        type: "dataset.bundle",
        traceId: `toolgate:dataset:${manifestDigest(manifest).slice("sha256:".length, "sha256:".length + 16)}`,
        at: manifest.createdAt,
        data: {
          manifestDigest: manifestDigest(manifest),
          trainer,
          baseModel: options.baseModel,
          rows: { train: trainRows, eval: evalRows },
          files: manifest.files.length,
          keyId: options.audit.signer.keyId,
          ...(auditHead === undefined ? {} : { readAt: { headSeq: auditHead.headSeq, headHash: auditHead.headHash } }),
        },
      },
    ]);
  }
  return { dir: outDir, manifest, command, droppedText };
}

async function currentHead(audit: BundleAudit): Promise<ManifestAuditHead | undefined> {
  const head = await audit.store.head();
  return head === undefined ? undefined : { store: audit.store.url, headSeq: head.headSeq, headHash: head.headHash };
}
