// Downloads one large file resumably (HTTP Range into `<destination>.part`), verifies its SHA-256 and moves it into place atomically.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes?: number;
}

export interface DownloadFileOptions {
  url: string;
  destination: string;
  /** Expected SHA-256 of the whole file, hex. */
  sha256: string;
  expectedSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Injected for tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  bytes: number;
  /** Bytes that were already on disk from an earlier, interrupted attempt. */
  resumedFromBytes: number;
}

export type DownloadErrorCode = "network" | "http" | "checksum";

/** A download that did not produce a verified file; `.part` is kept for network errors so the next call resumes. */
export class DownloadError extends Error {
  override readonly name = "DownloadError";
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ChecksumMismatchError extends DownloadError {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super("checksum", `SHA-256 mismatch for ${url}: expected ${expected}, got ${actual}; the partial file was deleted`);
  }
}

export async function downloadFile(options: DownloadFileOptions): Promise<DownloadResult> {
  const expected = options.sha256.toLowerCase();
  const partPath = `${options.destination}.part`;
  await mkdir(dirname(options.destination), { recursive: true });

  let offset = await fileSize(partPath);
  if (options.expectedSize !== undefined && offset > options.expectedSize) {
    await unlink(partPath);
    offset = 0;
  }
  // Resuming: the digest must cover the whole file, so the bytes already on disk are hashed first.
  let hash = createHash("sha256");
  if (offset > 0) await hashFile(partPath, hash);

  let received = offset;
  const alreadyComplete = options.expectedSize !== undefined && offset === options.expectedSize;
  if (!alreadyComplete) ({ hash, received } = await fetchInto(options, partPath, hash, offset));

  const actual = hash.digest("hex");
  if (actual !== expected) {
    await unlink(partPath).catch(() => undefined);
    throw new ChecksumMismatchError(options.url, expected, actual);
  }
  await rename(partPath, options.destination);
  return { path: options.destination, sha256: actual, bytes: received, resumedFromBytes: offset };
}

/** Streams the (remaining) body into the part file; returns the hash over the whole part and its final size. */
async function fetchInto(
  options: DownloadFileOptions,
  partPath: string,
  hash: Hash,
  offset: number,
): Promise<{ hash: Hash; received: number }> {
  const fetchImpl = options.fetch ?? fetch;
  const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
  let response: Response;
  try {
    response = await fetchImpl(options.url, { headers, signal: options.signal, redirect: "follow" });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new DownloadError("network", `could not reach ${options.url}: ${describe(error)}`, { cause: error });
  }

  if (response.status === 416 && offset > 0) {
    // Nothing past our part file: it is stale or belongs to another file. Start again from zero.
    await response.body?.cancel();
    await unlink(partPath);
    return fetchInto(options, partPath, createHash("sha256"), 0);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError("http", `${options.url} answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  if (!response.body) throw new DownloadError("http", `${options.url} answered without a body`);

  const append = offset > 0 && response.status === 206;
  if (append) {
    const start = /^bytes (\d+)-/.exec(response.headers.get("content-range") ?? "")?.[1];
    if (start !== undefined && Number(start) !== offset) {
      await response.body.cancel();
      throw new DownloadError("http", `${options.url} resumed at byte ${start}, not at ${offset}`);
    }
  } else if (offset > 0) {
    // A 200 to a Range request means the server ignored it: the body is the whole file, so the part is discarded.
    hash = createHash("sha256");
  }
  const startAt = append ? offset : 0;
  const totalBytes = options.expectedSize ?? contentTotal(response, startAt);
  const file = await open(partPath, append ? "a" : "w");
  let received = startAt;
  try {
    options.onProgress?.({ receivedBytes: received, totalBytes });
    const reader = response.body.getReader();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        throw new DownloadError(
          "network",
          `download of ${options.url} was interrupted after ${received} bytes: ${describe(error)}; run again to resume`,
          { cause: error },
        );
      }
      if (chunk.done) break;
      await file.write(chunk.value);
      hash.update(chunk.value);
      received += chunk.value.byteLength;
      options.onProgress?.({ receivedBytes: received, totalBytes });
    }
    // Flushed before the rename, so a crash cannot leave the final name on unwritten data.
    await file.sync();
  } finally {
    await file.close();
  }
  return { hash, received };
}

function contentTotal(response: Response, startAt: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get("content-range") ?? "")?.[1];
  if (range !== undefined) return Number(range);
  const length = response.headers.get("content-length");
  return length === null ? undefined : startAt + Number(length);
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
