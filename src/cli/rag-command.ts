// `toolgate rag ingest|search`: load documents into a store for retrieval, and search it as a given principal would.
import type { Command } from "commander";
import type { EmbeddingModel } from "ai";
import type { IngestProgress, RagStore, RetrievalMode } from "../rag/index.js";
import { CliError, exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

export const defaultRagStoreUrl = "sqlite:.toolgate/rag.db";

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw usageError(`${flag} must be a whole number, got "${value}"`);
  return parsed;
}

async function withRagStore<T>(io: CliIo, url: string, readOnly: boolean, work: (store: RagStore) => Promise<T>): Promise<T> {
  const { openRagStore, IngestError, RagStoreError } = await import("../rag/index.js");
  let store: RagStore;
  try {
    store = await openRagStore(url, { cwd: io.cwd ?? process.cwd(), readOnly });
  } catch (error) {
    if (error instanceof RagStoreError || (error as Error).name === "StoreError") throw new CliError("runtime", (error as Error).message, { cause: error });
    throw error;
  }
  try {
    return await work(store);
  } catch (error) {
    if (error instanceof IngestError || error instanceof RangeError) throw usageError(error.message, error);
    if (error instanceof RagStoreError) throw new CliError("runtime", error.message, { cause: error });
    throw error;
  } finally {
    await store.close();
  }
}

/** The embedding model a spec names (route's one implementation), with what it holds freed after `work`. */
async function withEmbeddingModel<T>(io: CliIo, spec: string | undefined, work: (model: EmbeddingModel | undefined) => Promise<T>): Promise<T> {
  if (spec === undefined) return work(undefined);
  const { closeEmbeddingModel, createEmbeddingModel, RouterConfigError } = await import("../route/index.js");
  let model: EmbeddingModel;
  try {
    model = await createEmbeddingModel(spec, io.env);
  } catch (error) {
    if (error instanceof RouterConfigError) throw usageError(error.message, error);
    throw error;
  }
  try {
    return await work(model);
  } finally {
    await closeEmbeddingModel(model);
  }
}

const modes: readonly RetrievalMode[] = ["lexical", "vector", "hybrid"];

/** One line per file when stderr is not a terminal (logs); a single rewritten status line when it is. */
function progressPrinter(io: CliIo): (progress: IngestProgress) => void {
  const interactive = io.stderr.isTTY === true;
  return (progress) => {
    const line = `[${progress.done}/${progress.total}] ${progress.outcome.padEnd(9)} ${progress.file}${progress.chunks ? ` (${progress.chunks} chunks)` : ""}`;
    if (interactive) {
      const width = io.stderr.columns ?? 100;
      io.stderr.write(`\r${line.slice(0, width - 1).padEnd(width - 1)}${progress.done === progress.total ? "\n" : ""}`);
    } else writeLine(io.stderr, line);
  };
}

export function registerRagCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const rag = program.command("rag").description("retrieval over your documents: `rag ingest` text, Markdown, HTML and PDF into a store, `rag search` it as a principal");
  rag
    .command("ingest")
    .description("ingest text, Markdown, HTML and PDF files (folders recursively); unchanged files are skipped by content hash")
    .argument("<paths...>", "files or folders")
    .option("--store <url>", "document store (sqlite:<path> or postgres://…?schema=…)", defaultRagStoreUrl)
    .option("--access <label>", "access label for documents that declare none (front matter `access:`, <meta name=access>, or a <file>.access sidecar); repeatable; default * (everyone)", collect)
    .option("--chunk-size <chars>", "largest chunk in characters", "1200")
    .option("--overlap <chars>", "characters repeated from the previous chunk of the same section", "150")
    .option("--quiet", "no progress lines")
    .option("--embed <model spec>", "also embed every chunk for vector/hybrid search: openai:<model> | openai-compatible:<baseURL>#<model> | ollama:<model> | llama:<path.gguf>")
    .action(async (paths: string[], options: { store: string; access?: string[]; chunkSize?: string; overlap?: string; quiet?: boolean; embed?: string }) => {
      const size = positiveInteger("--chunk-size", options.chunkSize, 1200);
      const overlap = positiveInteger("--overlap", options.overlap, 150);
      const { ingestPaths } = await import("../rag/index.js");
      const started = performance.now();
      const summary = await withEmbeddingModel(io, options.embed, (embeddingModel) =>
        withRagStore(io, options.store, false, (store) =>
          ingestPaths(store, paths, {
            cwd: io.cwd ?? process.cwd(),
            size,
            overlap,
            ...(options.access ? { access: options.access } : {}),
            ...(options.quiet ? {} : { onProgress: progressPrinter(io) }),
            ...(embeddingModel ? { embeddingModel } : {}),
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      writeLine(io.stdout, `${summary.files} files: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged; ${summary.chunks} chunks written in ${seconds.toFixed(1)} s`);
      done(exitCodes.ok);
    });
  rag
    .command("search")
    .description("search the store; results are filtered by what --principal/--role may read, before ranking")
    .argument("<query...>", "what to look for")
    .option("--store <url>", "document store", defaultRagStoreUrl)
    .option("-k, --k <n>", "passages to show", "5")
    .option("--principal <id>", "search as this principal (reads `user:<id>` documents)")
    .option("--role <role>", "a role of the principal (repeatable); without a principal only `*` documents are read", collect)
    .option("--json", "one JSON object per passage")
    .option("--mode <mode>", "lexical (BM25 / full-text), vector, or hybrid (both fused by reciprocal rank)", "lexical")
    .option("--embedding-model <spec>", "for vector and hybrid: the model the store was ingested with (--embed); default $TOOLGATE_EMBEDDING_MODEL")
    .action(async (words: string[], options: { store: string; k?: string; principal?: string; role?: string[]; json?: boolean; mode: string; embeddingModel?: string }) => {
      if (!(modes as readonly string[]).includes(options.mode)) throw usageError(`--mode must be one of ${modes.join(", ")}, got "${options.mode}"`);
      const mode = options.mode as RetrievalMode;
      const embeddingSpec = mode === "lexical" ? undefined : (options.embeddingModel ?? (io.env.TOOLGATE_EMBEDDING_MODEL || undefined));
      if (mode !== "lexical" && !embeddingSpec) throw usageError(`--mode ${mode} needs --embedding-model <spec>, the model the documents were ingested with (rag ingest --embed)`);
      const k = positiveInteger("--k", options.k, 5);
      if (k === 0) throw usageError("--k must be at least 1");
      if (options.role && !options.principal) throw usageError("--role needs --principal <id>: roles belong to a principal");
      const principal = options.principal ? { id: options.principal, ...(options.role ? { roles: options.role } : {}) } : undefined;
      const { searchDocuments } = await import("../rag/index.js");
      const hits = await withEmbeddingModel(io, embeddingSpec, (embeddingModel) =>
        withRagStore(io, options.store, true, (store) => searchDocuments(store, words.join(" "), { k, mode, ...(embeddingModel ? { embeddingModel } : {}), ...(principal ? { principal } : {}) })),
      );
      if (hits.length === 0 && !options.json) writeLine(io.stderr, "no passages match (or none the principal may read)");
      hits.forEach((hit, index) => {
        if (options.json) {
          writeLine(io.stdout, JSON.stringify(hit));
          return;
        }
        const ranks = hit.ranks ? `  (lexical #${hit.ranks.lexical ?? "-"}, vector #${hit.ranks.vector ?? "-"})` : "";
        writeLine(io.stdout, `[${index + 1}] ${hit.score.toFixed(4)}${ranks}  ${hit.source}${hit.heading ? ` › ${hit.heading}` : ""}  (chunk ${hit.ordinal}, chars ${hit.start}-${hit.end})`);
        writeLine(io.stdout, `    ${hit.text.replace(/\s+/g, " ").slice(0, 240)}${hit.text.length > 240 ? "…" : ""}`);
      });
      done(exitCodes.ok);
    });
}
