// Ingest files and folders into a document store: parse, chunk, label, and skip what has not changed since last time
// (by SHA-256 of the bytes), reporting progress as it goes.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import type { JsonValue } from "../record/index.js";
import { everyoneLabel, validateAccessLabels } from "./access.js";
import { chunkDocument } from "./chunk-document.js";
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

export async function ingestPaths(store: RagStore, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const defaultAccess = validateAccessLabels(options.access ?? [everyoneLabel], "--access");
  const files = await listIngestibleFiles(paths, options.cwd);
  if (files.length === 0) throw new IngestError(`nothing to ingest under ${paths.join(", ")}: no ${ingestibleExtensions.join(", ")} files`);
  const summary: IngestSummary = { files: files.length, added: 0, updated: 0, unchanged: 0, chunks: 0 };
  for (const [index, file] of files.entries()) {
    const bytes = await readFile(file);
    const sidecar = await readSidecar(file);
    // The sidecar's labels are part of what was ingested: changing them alone must re-ingest.
    const digest = createHash("sha256").update(bytes).update(sidecar ? `\0access:${sidecar.join(",")}` : "").update(`\0default:${defaultAccess.join(",")}`).digest("hex");
    const previous = await store.documentDigest(file);
    if (previous === digest) {
      summary.unchanged++;
      options.onProgress?.({ done: index + 1, total: files.length, file, outcome: "unchanged", chunks: 0 });
      continue;
    }
    const parsed = await parseDocument(file, bytes);
    const chunks = chunkDocument(parsed, options);
    const document: StoredDocumentInput = {
      source: file,
      digest,
      access: sidecar ?? (parsed.access ? validateAccessLabels(parsed.access, file) : defaultAccess),
      metadata: parsed.metadata as Record<string, JsonValue>,
      text: parsed.text,
      chunks,
      ...(parsed.title ? { title: parsed.title } : {}),
    };
    await store.putDocuments([document]);
    const outcome = previous === undefined ? "added" : "updated";
    summary[outcome]++;
    summary.chunks += chunks.length;
    options.onProgress?.({ done: index + 1, total: files.length, file, outcome, chunks: chunks.length });
  }
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
