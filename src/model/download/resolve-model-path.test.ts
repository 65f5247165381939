// The default model's descriptor under a mirror: TOOLGATE_MODEL_SHA256 is checked before any download starts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultModel } from "../llama/default-model.js";
import { ModelUnavailableError, effectiveDefaultModel, resolveModelPath } from "./resolve-model-path.js";

const mirror = "http://127.0.0.1:9/models/other.gguf";

describe("effectiveDefaultModel", () => {
  it("keeps the pinned default when no checksum is given, and names a mirror's other file after its URL", () => {
    expect(effectiveDefaultModel({ TOOLGATE_MODEL_URL: mirror }).sha256).toBe(defaultModel.sha256);
    const other = effectiveDefaultModel({ TOOLGATE_MODEL_URL: mirror, TOOLGATE_MODEL_SHA256: ` ${"AB".repeat(32)} ` });
    expect(other).toMatchObject({ fileName: "other.gguf", sha256: "ab".repeat(32), sizeKnown: false });
  });

  it.each(["abc", "g".repeat(64), "a".repeat(63), `sha256:${"a".repeat(64)}`])("refuses TOOLGATE_MODEL_SHA256=%s in one line", (value) => {
    const attempt = () => effectiveDefaultModel({ TOOLGATE_MODEL_URL: mirror, TOOLGATE_MODEL_SHA256: value });
    expect(attempt).toThrow(ModelUnavailableError);
    expect(attempt).toThrow(/^TOOLGATE_MODEL_SHA256 is not a SHA-256 \(64 hex digits\): "[^\n]*$/);
  });

  it("fails before fetching anything", async () => {
    let fetched = 0;
    const fetch = (async () => {
      fetched += 1;
      throw new Error("no network in this test");
    }) as typeof globalThis.fetch;
    await expect(resolveModelPath({ model: "default", cacheDir: "/nonexistent/cache", env: { TOOLGATE_MODEL_URL: mirror, TOOLGATE_MODEL_SHA256: "not-hex" }, fetch })).rejects.toThrow(/64 hex digits/);
    expect(fetched).toBe(0);
  });
});

describe("resolveModelPath without network", () => {
  it("stops with one line naming the cause and every other way to provide a model", async () => {
    const fetch = (async () => {
      throw new TypeError("fetch failed (getaddrinfo ENOTFOUND huggingface.co)");
    }) as typeof globalThis.fetch;
    const cacheDir = mkdtempSync(join(tmpdir(), "toolgate-offline-"));
    try {
      const attempt = resolveModelPath({ model: "default", cacheDir, env: {}, fetch, onProgress: () => {} });
      await expect(attempt).rejects.toThrow(ModelUnavailableError);
      const message = await attempt.then(
        () => "",
        (error: Error) => error.message,
      );
      expect(message).not.toContain("\n");
      expect(message).toMatch(/^the default model \(Qwen2\.5-1\.5B-Instruct Q4_K_M, \d+ MB\) is not cached and could not be downloaded from https:\/\/huggingface\.co\/\S+ \(.*ENOTFOUND huggingface\.co.*\); provide one: --model llama:<file\.gguf>/);
      expect(message).toContain(`the file placed at ${join(cacheDir, defaultModel.fileName)} (SHA-256 ${defaultModel.sha256})`);
      expect(message).toContain("a mirror TOOLGATE_MODEL_URL=<url of the .gguf>");
      expect(message).toContain("or an HTTP model (--model openai-compatible:<baseURL>#<model>, ollama:<model>, openai:<model>)");
      // The URL appears once: the cause refers back to it.
      expect(message.split(defaultModel.url).length).toBe(2);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
