// Tests model spec parsing and that createModel builds adapters that reach a real loopback server.
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acceptedModelSpecs, createModel, parseModelSpec } from "./spec.js";
import type { ModelRequest } from "./types.js";

describe("parseModelSpec", () => {
  it.each([
    ["openai:gpt-4.1-mini", { provider: "openai", model: "gpt-4.1-mini" }],
    ["anthropic:claude-sonnet-4-5", { provider: "anthropic", model: "claude-sonnet-4-5" }],
    ["ollama:llama3.1:8b", { provider: "ollama", model: "llama3.1:8b" }],
    [
      "openai-compatible:http://127.0.0.1:8000/v1#Qwen/Qwen3-8B",
      { provider: "openai-compatible", baseURL: "http://127.0.0.1:8000/v1", model: "Qwen/Qwen3-8B" },
    ],
    ["llama:default", { provider: "llama", model: "default" }],
    ["llama:./models/qwen3-1.7b-q4_k_m.gguf", { provider: "llama", model: "./models/qwen3-1.7b-q4_k_m.gguf" }],
    ["llama:/abs/path/Model.GGUF", { provider: "llama", model: "/abs/path/Model.GGUF" }],
    ["  openai:gpt-4o  ", { provider: "openai", model: "gpt-4o" }],
  ])("parses %s", (spec, expected) => {
    expect(parseModelSpec(spec)).toEqual(expected);
  });

  it.each([
    "",
    "gpt-4o",
    "openai:",
    "mistral:large",
    "openai-compatible:http://127.0.0.1:8000/v1",
    "openai-compatible:#model",
    "openai-compatible:ftp://host/v1#model",
    "openai-compatible:not a url#model",
    "llama:",
    "llama:model.bin",
  ])("rejects %j with a message listing the accepted forms", (spec) => {
    let message = "";
    try {
      parseModelSpec(spec);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`invalid model spec "${spec}"`);
    for (const form of acceptedModelSpecs) expect(message).toContain(form);
  });
});

describe("createModel without a server", () => {
  it("names OPENAI_API_KEY when it is missing", async () => {
    await expect(createModel("openai:gpt-4.1-mini", { env: {} })).rejects.toThrow(/OPENAI_API_KEY/);
    await expect(createModel("openai:gpt-4.1-mini", { env: { OPENAI_API_KEY: "  " } })).rejects.toThrow(/OPENAI_API_KEY/);
  });

  it("names ANTHROPIC_API_KEY when it is missing", async () => {
    await expect(createModel("anthropic:claude-sonnet-4-5", { env: {} })).rejects.toThrow(/ANTHROPIC_API_KEY/);
  });

  it("builds adapters whose id is the spec", async () => {
    expect((await createModel("openai:gpt-4.1-mini", { env: { OPENAI_API_KEY: "sk-test" } })).id).toBe("openai:gpt-4.1-mini");
    expect((await createModel("anthropic:claude-sonnet-4-5", { env: { ANTHROPIC_API_KEY: "k" } })).id).toBe("anthropic:claude-sonnet-4-5");
    expect((await createModel("ollama:qwen3:8b", { env: {} })).id).toBe("ollama:qwen3:8b");
  });

  it("rejects a bad spec before building anything", async () => {
    await expect(createModel("gemini:pro", { env: {} })).rejects.toThrow(/Accepted forms: openai:<model>/);
  });
});

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

describe("createModel against a loopback server", () => {
  let baseURL = "";
  let received: Received[] = [];
  let close: () => Promise<void> = async () => {};

  beforeEach(async () => {
    received = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        if (req.url !== "/v1/chat/completions") {
          res.writeHead(404, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-1",
            object: "chat.completion",
            created: 1_700_000_000,
            model: "served-model",
            choices: [
              {
                index: 0,
                message: {
                  role: "assistant",
                  content: null,
                  tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q": "x",}' } }],
                },
                finish_reason: "tool_calls",
              },
            ],
            usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  });

  afterEach(async () => {
    await close();
  });

  const request: ModelRequest = {
    messages: [{ role: "user", content: "look x up" }],
    tools: [{ name: "lookup", description: "Look something up.", inputSchema: { type: "object", properties: { q: { type: "string" } } } }],
  };

  it("openai-compatible: reaches the server named in the spec, raw arguments intact", async () => {
    const spec = `openai-compatible:${baseURL}#served-model`;
    const model = await createModel(spec, { env: {} });
    expect(model.id).toBe(spec);
    const response = await model.generate(request);
    expect(response.toolCalls).toEqual([{ id: "call_1", name: "lookup", arguments: '{"q": "x",}' }]);
    expect(response.usage).toEqual({ inputTokens: 9, outputTokens: 3, totalTokens: 12 });
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe("/v1/chat/completions");
    expect(received[0]!.body.model).toBe("served-model");
    expect(received[0]!.headers.authorization).toBeUndefined();
  });

  it("openai-compatible: sends OPENAI_COMPATIBLE_API_KEY as a bearer token", async () => {
    const model = await createModel(`openai-compatible:${baseURL}#served-model`, { env: { OPENAI_COMPATIBLE_API_KEY: "local-secret" } });
    await model.generate(request);
    expect(received[0]!.headers.authorization).toBe("Bearer local-secret");
  });

  it("openai: uses OPENAI_BASE_URL and the Chat Completions API", async () => {
    const model = await createModel("openai:gpt-4.1-mini", { env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: baseURL } });
    const response = await model.generate(request);
    expect(response.toolCalls).toEqual([{ id: "call_1", name: "lookup", arguments: '{"q": "x",}' }]);
    expect(received[0]!.path).toBe("/v1/chat/completions");
    expect(received[0]!.body.model).toBe("gpt-4.1-mini");
    expect(received[0]!.headers.authorization).toBe("Bearer sk-test");
  });
});
