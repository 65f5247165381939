// A small local model with the defaults: `toolgate run` on the example catalog completes and records, and `toolgate chat` (what `npm start` runs) reaches its prompt, on the tiny GGUF.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, expect, it } from "vitest";
import { describeWithShared, tinyModelPath, whenShared } from "../test-support/shared-data.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.removeAll());
const modelSpec = `llama:${whenShared(["models", "llama-2-tiny-random.gguf"], tinyModelPath, "")}`;

describeWithShared("a small local model with the default router", () => {
  it("toolgate run completes on the example catalog, exposing the best-ranked tools that fit the context, and records it", async () => {
    const cwd = dirs.make();
    // The default router and context; only the output bound is small, so random weights stop babbling quickly.
    const io = capturedIo({ cwd, env: { TOOLGATE_HOME: `${cwd}/.toolgate` } });
    const code = await main(["run", "I was charged twice, please refund order 1042", "--model", modelSpec, "--threads", "2", "--max-output-tokens", "8"], io);
    expect(io.err()).not.toMatch(/do not fit|failed/);
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toMatch(/stop: (no-tool-calls|max-steps)/);
    const traceId = /trace ([0-9a-f-]{36}) · recorded in sqlite:/.exec(out)?.[1];
    expect(traceId).toBeDefined();

    const show = capturedIo({ cwd, env: { TOOLGATE_HOME: `${cwd}/.toolgate` } });
    expect(await main(["audit", "show", traceId!], show)).toBe(0);
    // The trace records the decision: all 13 tools documented take over 4000 tokens with this model's template, so
    // the flat router's choice was cut to what fits the 4096-token context with 8 tokens kept for output.
    expect(show.out()).toMatch(/step 0 · (\d+) tools exposed by flat · (\d+) of 13 tools fit the context \(\d+ prompt tokens, 409 kept for output, 4096 in all\)/);
    const exposed = Number(/(\d+) tools exposed by flat/.exec(show.out())![1]);
    expect(exposed).toBeGreaterThan(0);
    expect(exposed).toBeLessThan(13);
  });

  it("toolgate chat (npm start) with TOOLGATE_MODEL set reaches its prompt and answers a turn", async () => {
    const cwd = dirs.make();
    const io = capturedIo({ cwd, env: { TOOLGATE_HOME: `${cwd}/.toolgate`, TOOLGATE_MODEL: modelSpec }, input: "hello\n/exit\n" });
    const code = await main(["chat", "--threads", "2", "--max-output-tokens", "4"], io);
    expect(io.err()).toBe("");
    expect(code).toBe(0);
    expect(io.out()).toContain(`toolgate chat · model ${modelSpec} · context 4096 tokens · 13 tools`);
    expect(io.out()).toMatch(/^\[1 step · 0 calls · \d+ tokens · stop: no-tool-calls · [\d.]+ ms\]$/m);
  });

  it("the chat banner names the file a mirror served for llama:default, and the context it runs in", async () => {
    const file = tinyModelPath();
    const body = readFileSync(file);
    const server = createServer((request, response) => {
      if (request.url !== "/mirror/tiny.gguf") return void response.writeHead(404).end();
      response.writeHead(200, { "content-length": body.length, "content-type": "application/octet-stream" }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const cwd = dirs.make();
      const env = {
        TOOLGATE_HOME: `${cwd}/.toolgate`,
        TOOLGATE_CACHE_DIR: `${cwd}/cache`,
        TOOLGATE_MODEL_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror/tiny.gguf`,
        TOOLGATE_MODEL_SHA256: createHash("sha256").update(body).digest("hex"),
      };
      const io = capturedIo({ cwd, env, input: "/exit\n" });
      const code = await main(["chat", "--model", "llama:default", "--threads", "2", "--context-size", "1024"], io);
      // Downloaded from the mirror named in the command's environment (not the process's), verified by its SHA-256.
      expect(io.err()).toMatch(/toolgate: downloading model: 100% 1\.8\/1\.8 MB/);
      expect(code).toBe(0);
      expect(io.out()).toContain("toolgate chat · model llama:default (tiny.gguf) · context 1024 tokens · 13 tools from customer-service example");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
}, "models", "llama-2-tiny-random.gguf");
