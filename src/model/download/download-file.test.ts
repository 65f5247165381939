// Tests downloads against a real loopback HTTP server: clean, interrupted then resumed, bad checksum, offline, and end to end into the llama adapter.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { createLlamaModel } from "../llama/llama-model.js";
import { defaultModel } from "../llama/default-model.js";
import { ChecksumMismatchError, DownloadError, downloadFile, type DownloadProgress } from "./download-file.js";
import { ModelUnavailableError, defaultModelCacheDir, resolveModelPath } from "./resolve-model-path.js";
import { closedLoopbackUrl, startLoopbackFileServer, type LoopbackFileServer } from "./test-support/loopback-file-server.js";
import { tinyModelPath as sharedTinyModelPath, describeWithShared, whenShared, sharedAvailable } from "../../test-support/shared-data.js";

const fixturePath = whenShared(["models", "llama-2-tiny-random.gguf"], sharedTinyModelPath, "");
const fixtureSha256 = "81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb";
const fixtureSize = 1_750_560;

let server: LoopbackFileServer;
let dir: string;

beforeAll(async () => {
  if (!sharedAvailable("models", "llama-2-tiny-random.gguf")) return;
  server = await startLoopbackFileServer(fixturePath);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "toolgate-download-"));
  if (!server) return;
  server.requests.length = 0;
  server.ignoreRange = false;
  server.cutNextResponseAfter = undefined;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (path: string) => stat(path).then(() => true, () => false);
const sha256Of = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");

describeWithShared("downloadFile", () => {
  it("downloads, verifies and moves the file into place without leaving a .part", async () => {
    const destination = join(dir, "nested", "model.gguf");
    const progress: DownloadProgress[] = [];
    const result = await downloadFile({ url: server.url, destination, sha256: fixtureSha256, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ path: destination, sha256: fixtureSha256, bytes: fixtureSize, resumedFromBytes: 0 });
    // Buffer.equals, not toEqual: a deep element-wise diff of 1.75 MB takes seconds.
    expect((await readFile(destination)).equals(await readFile(fixturePath))).toBe(true);
    expect(await exists(`${destination}.part`)).toBe(false);
    expect(progress.at(-1)).toEqual({ receivedBytes: fixtureSize, totalBytes: fixtureSize });
    expect(server.requests[0]?.range).toBeUndefined();
  });

  it("keeps the .part after an interrupted transfer and resumes it with a Range request", async () => {
    const destination = join(dir, "model.gguf");
    server.cutNextResponseAfter = 500_000;
    const first = downloadFile({ url: server.url, destination, sha256: fixtureSha256 });
    await expect(first).rejects.toThrow(DownloadError);
    await expect(first).rejects.toThrow(/interrupted after \d+ bytes.*run again to resume/);
    const partSize = (await stat(`${destination}.part`)).size;
    expect(partSize).toBeGreaterThan(0);
    expect(partSize).toBeLessThanOrEqual(500_000);
    expect(await exists(destination)).toBe(false);

    const result = await downloadFile({ url: server.url, destination, sha256: fixtureSha256, expectedSize: fixtureSize });
    expect(server.requests[1]?.range).toBe(`bytes=${partSize}-`);
    expect(result.resumedFromBytes).toBe(partSize);
    expect(await sha256Of(destination)).toBe(fixtureSha256);
    expect(await exists(`${destination}.part`)).toBe(false);
  });

  it("starts over when the server ignores the Range header and answers 200", async () => {
    const destination = join(dir, "model.gguf");
    await writeFile(`${destination}.part`, Buffer.alloc(1000, 7)); // garbage that must not end up in the file
    server.ignoreRange = true;
    const result = await downloadFile({ url: server.url, destination, sha256: fixtureSha256 });
    expect(server.requests[0]?.range).toBe("bytes=1000-");
    expect(result.resumedFromBytes).toBe(1000);
    expect(await sha256Of(destination)).toBe(fixtureSha256);
  });

  it("rejects a checksum mismatch naming both digests, and removes the partial file", async () => {
    const destination = join(dir, "model.gguf");
    const wrong = "0".repeat(64);
    const attempt = downloadFile({ url: server.url, destination, sha256: wrong });
    await expect(attempt).rejects.toBeInstanceOf(ChecksumMismatchError);
    await expect(attempt).rejects.toThrow(new RegExp(`expected ${wrong}, got ${fixtureSha256}`));
    expect(await exists(`${destination}.part`)).toBe(false);
    expect(await exists(destination)).toBe(false);
  });

  it("names the URL on HTTP errors and network failures", async () => {
    await expect(downloadFile({ url: server.url.replace("model.gguf", "missing.gguf"), destination: join(dir, "m"), sha256: fixtureSha256 }))
      .rejects.toThrow(/missing\.gguf answered HTTP 404/);
    const closed = await closedLoopbackUrl();
    await expect(downloadFile({ url: closed, destination: join(dir, "m"), sha256: fixtureSha256 })).rejects.toThrow(
      new RegExp(`could not reach ${closed.replace(/[.]/g, "\\.")}`),
    );
  });
}, "models", "llama-2-tiny-random.gguf");

describeWithShared("resolveModelPath", () => {
  it("uses TOOLGATE_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache for the cache directory", () => {
    expect(defaultModelCacheDir({ TOOLGATE_CACHE_DIR: "/c/t" })).toBe("/c/t");
    expect(defaultModelCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/toolgate/models");
    expect(defaultModelCacheDir({})).toMatch(/\.cache\/toolgate\/models$/);
  });

  it("throws ModelUnavailableError listing every alternative when the model cannot be downloaded", async () => {
    const url = await closedLoopbackUrl();
    const attempt = resolveModelPath({ model: "default", env: { TOOLGATE_MODEL_URL: url, TOOLGATE_CACHE_DIR: dir } });
    await expect(attempt).rejects.toBeInstanceOf(ModelUnavailableError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toContain(`could not be downloaded from ${url} (could not reach it: fetch failed`);
    expect(message).toContain("--model llama:<file.gguf>");
    expect(message).toContain("TOOLGATE_MODEL=");
    expect(message).toContain(join(dir, defaultModel.fileName));
    expect(message).toContain("TOOLGATE_MODEL_URL=");
    expect(message).toContain("--model openai-compatible:<baseURL>#<model>");
    expect(message).toContain("ollama:<model>");
    expect(message).not.toContain("\n");
  });

  it("downloads the default model from TOOLGATE_MODEL_URL into the cache once, and createLlamaModel loads it", async () => {
    const env = { TOOLGATE_MODEL_URL: server.url, TOOLGATE_MODEL_SHA256: fixtureSha256 };
    const progress: DownloadProgress[] = [];
    const path = await resolveModelPath({ model: "default", cacheDir: dir, env, onProgress: (p) => progress.push(p) });
    expect(path).toBe(join(dir, "model.gguf"));
    expect(await sha256Of(path)).toBe(fixtureSha256);
    expect(progress.at(-1)?.receivedBytes).toBe(fixtureSize);

    const model = await createLlamaModel({ model: "default", cacheDir: dir, env, threads: 1, gpu: false, contextSize: 512 });
    try {
      expect(model.id).toBe("llama:default");
      expect(model.modelPath).toBe(path);
      expect(server.requests).toHaveLength(1); // the cached file was reused, not fetched again
      const response = await model.generate({ messages: [{ role: "user", content: "hi" }], tools: [], maxOutputTokens: 4 });
      expect(response.usage.outputTokens).toBeGreaterThan(0);
    } finally {
      await model.close();
    }
  });
}, "models", "llama-2-tiny-random.gguf");
