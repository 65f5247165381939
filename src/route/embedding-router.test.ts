// The embedding router against a loopback /v1/embeddings server with deterministic vectors.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerServiceCatalog } from "../examples/index.js";
import { createToolRegistry } from "../tool/index.js";
import { createEmbeddingRouter } from "./embedding-router.js";
import { tokenize } from "./tokenize.js";
import type { SelectToolsContext } from "./types.js";

/** Deterministic "embeddings": each term hashed into one of 64 dimensions, so shared words mean similar vectors. */
function hashedVector(text: string): number[] {
  const vector = new Array<number>(64).fill(0);
  for (const term of tokenize(text)) {
    let hash = 2166136261;
    for (const char of term) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    vector[(hash >>> 0) % 64]! += 1;
  }
  return vector;
}

const requests: string[][] = [];
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    if (request.url !== "/v1/embeddings") {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { input: string[] | string; model: string };
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    requests.push(inputs);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ object: "list", model: body.model, data: inputs.map((input, index) => ({ object: "embedding", index, embedding: hashedVector(input) })), usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
});
let baseURL = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
const catalog = createCustomerServiceCatalog();
afterAll(async () => {
  catalog.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
const ask = (text: string): SelectToolsContext => ({ step: 0, messages: [{ role: "user", content: text }], registry, signal: new AbortController().signal });

describe("createEmbeddingRouter", () => {
  it("ranks by cosine similarity over a loopback /v1/embeddings server, embedding tools once and caching by digest", async () => {
    requests.length = 0;
    const embeddingModel = createOpenAICompatible({ name: "loopback", baseURL }).embeddingModel("hash-64");
    const cache = new Map<string, readonly number[]>();
    const router = createEmbeddingRouter({ k: 2 }, { embeddingModel, cache });

    const first = await router(ask("issue a refund"));
    expect(first.tools.tools.map((tool) => tool.name)).toContain("issue_refund");
    const scores = first.routing.scores!;
    expect(Math.max(...Object.values(scores))).toBe(scores.issue_refund);
    expect(scores.issue_refund).toBeLessThanOrEqual(1);
    expect(first.routing).toMatchObject({ router: "embedding", reason: "cosine top 2 of 13 (loopback.embedding:hash-64)" });
    // One batch with every tool's text, one request with the query.
    expect(requests.map((inputs) => inputs.length).sort((a, b) => a - b)).toEqual([1, 13]);
    expect(requests.find((inputs) => inputs.length === 13)![0]).toMatch(/^find available slots \(find_available_slots\): Search free/);
    expect(cache.size).toBe(13);
    expect([...cache.keys()][0]).toMatch(/^loopback\.embedding:hash-64\|sha256:[0-9a-f]{64}\|-$/);

    // Later decisions embed only the new query; a second router over the same cache re-embeds no tool.
    const before = requests.length;
    await router(ask("send an email to the customer"));
    expect(requests.slice(before)).toEqual([["send an email to the customer"]]);
    const again = createEmbeddingRouter({ k: 2 }, { embeddingModel, cache });
    const mark = requests.length;
    await again(ask("send an email to the customer"));
    expect(requests.slice(mark)).toEqual([["send an email to the customer"]]);
  });

  it("exposes in registry order and respects alwaysInclude", async () => {
    const embeddingModel = createOpenAICompatible({ name: "loopback", baseURL }).embeddingModel("hash-64");
    const { tools } = await createEmbeddingRouter({ k: 1, alwaysInclude: ["find_customer"] }, { embeddingModel })(ask("send an email"));
    const order = registry.tools.map((tool) => tool.name);
    const exposed = tools.tools.map((tool) => tool.name);
    expect(exposed).toContain("find_customer");
    expect(exposed).toHaveLength(2);
    expect(exposed).toEqual([...exposed].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  it("names the missing embedding model", () => {
    expect(() => createEmbeddingRouter({}, {} as never)).toThrow(/pass deps\.embeddingModel/);
  });
});
