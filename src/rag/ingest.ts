// Ingest files and folders into a document store: parse, chunk, label, and skip what has not changed since last time
// (by SHA-256 of the bytes), reporting progress as it goes.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import type { EmbeddingModel } from "ai";
import type { JsonValue } from "../record/index.js";
import { everyoneLabel, validateAccessLabels } from "./access.js";
import { chunkDocument } from "./chunk-document.js";
import { chunkEmbeddingText, embeddingModelId, embedTexts } from "./embed-texts.js";
import type { ChunkOptions } from "./chunk-document.js";
import { IngestError } from "./errors.js";
import { ingestibleExtensions, parseDocument } from "./parse-document.js";
import type { RagStore, StoredDocumentInput } from "./rag-store.js";

export interface IngestOptions extends ChunkOptions {
  /** Access labels for documents that declare none themselves (front matter, meta tag, `<file>.access` sidecar). Default `*`. */
  access?: string[];
  /** Relative paths resolve against it; default the working directory. */
  cwd?: string;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * Also embed every chunk with this AI SDK embedding model (for vector and hybrid search). The model is part of a
   * document's digest, so ingesting again with another model (or none) re-ingests what was unchanged.
   */
  embeddingModel?: EmbeddingModel;
}

export interface IngestProgress {
  done: number;
  total: number;
  file: string;
  outcome: "added" | "updated" | "unchanged";
  chunks: number;
}

export interface IngestSummary {
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  chunks: number;
}

/** Files under `paths` (folders walked recursively, hidden entries skipped) with an ingestible extension, sorted. */
export async function listIngestibleFiles(paths: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const files = new Set<string>();
  const visit = async (path: string, named: boolean) => {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new IngestError(`${path}: no such file or folder`);
    }
    if (info.isDirectory()) {
      for (const entry of await readdir(path)) if (!entry.startsWith(".")) await visit(join(path, entry), false);
    } else if (ingestibleExtensions.includes(extname(path).toLowerCase())) files.add(path);
    else if (named) throw new IngestError(`${path}: cannot ingest "${extname(path) || "(no extension)"}" files; use one of ${ingestibleExtensions.join(", ")}`);
  };
  for (const path of paths) await visit(resolve(cwd, path), true);
  return [...files].sort();
}

/** Files read ahead of the one being parsed: file I/O overlaps with parsing and analysis. */
const readAhead = 16;
/** Documents written per transaction: SQLite syncs once per transaction, not once per file. */
const writeBatch = 64;

export async function ingestPaths(store: RagStore, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const defaultAccess = validateAccessLabels(options.access ?? [everyoneLabel], "--access");
  const files = await listIngestibleFiles(paths, options.cwd);
  if (files.length === 0) throw new IngestError(`nothing to ingest under ${paths.join(", ")}: no ${ingestibleExtensions.join(", ")} files`);
  const summary: IngestSummary = { files: files.length, added: 0, updated: 0, unchanged: 0, chunks: 0 };
  const read = (file: string) => Promise.all([readFile(file), readSidecar(file)]);
  const pending = files.slice(0, readAhead).map(read);
  let done = 0;
  let batch: Array<{ document: StoredDocumentInput; outcome: "added" | "updated" }> = [];
  const model = options.embeddingModel;
  const modelId = model ? embeddingModelId(model) : undefined;
  const flush = async () => {
    if (batch.length === 0) return;
    if (model) {
      // One embedding pass per write batch: many chunks per request, whatever the documents' sizes.
      const texts = batch.flatMap((entry) => entry.document.chunks.map(chunkEmbeddingText));
      const vectors = await embedTexts(model, texts);
      let at = 0;
      for (const entry of batch) {
        entry.document.vectors = vectors.slice(at, at + entry.document.chunks.length);
        at += entry.document.chunks.length;
      }
    }
    await store.putDocuments(
      batch.map((entry) => entry.document),
      modelId ? { embeddingModel: modelId } : {},
    );
    for (const { document, outcome } of batch) {
      summary[outcome]++;
      summary.chunks += document.chunks.length;
      options.onProgress?.({ done: ++done, total: files.length, file: document.source, outcome, chunks: document.chunks.length });
    }
    batch = [];
  };
  for (const [index, file] of files.entries()) {
    const [bytes, sidecar] = await pending[index]!;
    if (index + readAhead < files.length) pending.push(read(files[index + readAhead]!));
    // The sidecar's labels and the default are part of what was ingested: changing them alone must re-ingest.
    const digest = createHash("sha256").update(bytes).update(sidecar ? `\0access:${sidecar.join(",")}` : "").update(`\0default:${defaultAccess.join(",")}`).update(modelId ? `\0embed:${modelId}` : "").digest("hex");
    const previous = await store.documentDigest(file);
    if (previous === digest) {
      // Progress stays in file order: what is still waiting in the batch is reported first.
      await flush();
      summary.unchanged++;
      options.onProgress?.({ done: ++done, total: files.length, file, outcome: "unchanged", chunks: 0 });
      continue;
    }
    const parsed = await parseDocument(file, bytes);
    const document: StoredDocumentInput = {
      source: file,
      digest,
      access: sidecar ?? (parsed.access ? validateAccessLabels(parsed.access, file) : defaultAccess),
      metadata: parsed.metadata as Record<string, JsonValue>,
      text: parsed.text,
      chunks: chunkDocument(parsed, options),
      ...(parsed.title ? { title: parsed.title } : {}),
    };
    batch.push({ document, outcome: previous === undefined ? "added" : "updated" });
    if (batch.length >= writeBatch) await flush();
  }
  await flush();
  return summary;
}

/** `<file>.access`: access labels, one per line or comma-separated; `#` starts a comment. */
async function readSidecar(file: string): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await readFile(`${file}.access`, "utf8");
  } catch {
    return undefined;
  }
  const labels = text
    .split("\n")
    .map((line) => line.replace(/#.*/, ""))
    .flatMap((line) => line.split(","))
    .map((label) => label.trim())
    .filter(Boolean);
  if (labels.length === 0) throw new IngestError(`${file}.access: lists no access labels`);
  return validateAccessLabels(labels, `${file}.access`);
}
