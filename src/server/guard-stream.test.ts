// Guard mode streaming with the official openai client: text passes through, tool calls are judged whole, broken streams fail closed.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayFixture } from "./test-support/gateway-fixture.js";
import { startGateway } from "./test-support/gateway-fixture.js";
import type { MockUpstream, UpstreamReply } from "./test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "./test-support/mock-upstream.js";

const tools: OpenAI.ChatCompletionTool[] = [
  { type: "function", function: { name: "get_order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } } },
  { type: "function", function: { name: "delete_account", parameters: { type: "object", properties: { user: { type: "string" } }, required: ["user"] } } },
];

let upstream: MockUpstream;
let gateway: GatewayFixture;
let next: (body: Record<string, unknown>, index: number) => UpstreamReply;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startMockUpstream((body, index) => next(body, index));
  gateway = await startGateway(upstream.baseUrl);
  client = new OpenAI({ apiKey: (await gateway.keys.create({ id: "alice", roles: ["user"] })).key, baseURL: gateway.baseUrl, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ id: "chatcmpl-s", object: "chat.completion.chunk", created: 1_800_000_000, model: "mock-model", choices: [{ index: 0, delta, finish_reason: finish }] });
const usage = { id: "chatcmpl-s", object: "chat.completion.chunk", created: 1_800_000_000, model: "mock-model", choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } };

/** One call streamed the way OpenAI does it: id and name first, the arguments in pieces. */
const streamedCall = (id: string, name: string, args: string) => [
  chunk({ tool_calls: [{ index: 0, id, type: "function", function: { name, arguments: "" } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, 5) } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(5) } }] }),
];

async function collect(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  const chunks: Array<OpenAI.ChatCompletionChunk & { toolgate?: { withheld: Array<Record<string, unknown>>; stream_error?: string } }> = [];
  for await (const part of stream) chunks.push(part);
  const text = chunks.map((part) => part.choices[0]?.delta.content ?? "").join("");
  const toolDeltas = chunks.flatMap((part) => part.choices[0]?.delta.tool_calls ?? []);
  const finish = chunks.map((part) => part.choices[0]?.finish_reason).filter(Boolean);
  return { chunks, text, toolDeltas, finish, extension: chunks.find((part) => part.toolgate)?.toolgate, usage: chunks.find((part) => part.usage)?.usage };
}

const streamAsk = () => client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "help" }], tools, stream: true, stream_options: { include_usage: true } });

describe("guard mode, streaming", () => {
  it("passes text deltas, emits a judged call with index/id/name deltas and finish tool_calls, then usage", async () => {
    next = () => ({ events: [chunk({ role: "assistant", content: "Let me " }), chunk({ content: "check." }), ...streamedCall("call_s1", "get_order", '{"order_id":"A1"}'), chunk({}, "tool_calls"), usage] });
    const result = await collect(await streamAsk());
    expect(result.text).toBe("Let me check.");
    expect(result.toolDeltas[0]).toMatchObject({ index: 0, id: "call_s1", type: "function", function: { name: "get_order" } });
    expect(result.toolDeltas.map((delta) => delta.function?.arguments ?? "").join("")).toBe('{"order_id":"A1"}');
    expect(result.finish).toEqual(["tool_calls"]);
    expect(result.usage).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    expect(upstream.requests.at(-1)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("works with the client's stream helper: finalChatCompletion holds the judged call", async () => {
    next = () => ({ events: [...streamedCall("call_s2", "get_order", '{"order_id":"A2"}'), chunk({}, "tool_calls")] });
    const runner = client.chat.completions.stream({ model: "mock-model", messages: [{ role: "user", content: "help" }], tools });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.tool_calls![0]).toMatchObject({ id: "call_s2", function: { name: "get_order", arguments: '{"order_id":"A2"}' } });
  });

  it("never emits a denied call: a notice and the toolgate field instead", async () => {
    next = () => ({ events: [...streamedCall("call_s3", "delete_account", '{"user":"bob"}'), chunk({}, "tool_calls")] });
    const result = await collect(await streamAsk());
    expect(result.toolDeltas).toEqual([]);
    expect(result.text).toContain("denied the call to delete_account");
    expect(result.finish).toEqual(["stop"]);
    expect(result.extension?.withheld[0]).toMatchObject({ id: "call_s3", kind: "denied", rule_id: "no-account-deletion" });
  });

  it("fails closed when the stream breaks off mid-call", async () => {
    next = () => ({ events: streamedCall("call_s4", "get_order", '{"order_id":"A4"}').slice(0, 2), hangUp: true });
    const result = await collect(await streamAsk());
    expect(result.toolDeltas).toEqual([]);
    expect(result.extension?.stream_error).toMatch(/stream/);
  });

  it("fails closed on a stream that ends without finishing, a non-JSON event, and a fragment without an index", async () => {
    next = () => ({ events: streamedCall("call_s5", "get_order", '{"order_id":"A5"}'), done: false });
    expect((await collect(await streamAsk())).toolDeltas).toEqual([]);
    next = () => ({ events: [...streamedCall("call_s6", "get_order", '{"order_id":"A6"}'), "{broken", chunk({}, "tool_calls")] });
    const broken = await collect(await streamAsk());
    expect(broken.toolDeltas).toEqual([]);
    expect(broken.extension?.stream_error).toContain("not JSON");
    next = () => ({ events: [chunk({ tool_calls: [{ id: "call_s7", function: { name: "get_order", arguments: '{"order_id":"A7"}' } }] }), chunk({}, "tool_calls")] });
    const unindexed = await collect(await streamAsk());
    expect(unindexed.toolDeltas).toEqual([]);
    expect(unindexed.extension?.stream_error).toContain("index");
  });

  it("aborts the upstream request when the client disconnects", async () => {
    next = () => ({ events: Array.from({ length: 40 }, (_, i) => chunk({ content: `part ${i} ` })), delayMs: 50 });
    const before = upstream.aborted;
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "long" }], stream: true }, { signal: controller.signal });
    const parts: string[] = [];
    // The client ends its iteration quietly on abort; what matters is that the gateway lets go of the upstream.
    try {
      for await (const part of stream) {
        parts.push(part.choices[0]?.delta.content ?? "");
        if (parts.length === 2) controller.abort();
      }
    } catch (error) {
      expect((error as Error).name).toMatch(/Abort/);
    }
    expect(parts.length).toBeLessThan(40);
    await expect.poll(() => upstream.aborted, { timeout: 1_500 }).toBeGreaterThan(before);
  });
});

describe("streaming when the audit trail cannot take the response", () => {
  it("withholds the judged calls: what the client receives must be recorded first", async () => {
    // Appends fail (a full disk); everything else is the real store.
    const failing = Object.create(gateway.audit, { append: { value: async () => Promise.reject(new Error("the disk is full")) } }) as typeof gateway.audit;
    const broken = await startGateway(upstream.baseUrl, { audit: failing });
    try {
      const brokenClient = new OpenAI({ apiKey: (await broken.keys.create({ id: "alice", roles: ["user"] })).key, baseURL: broken.baseUrl, maxRetries: 0 });
      next = () => ({ events: [...streamedCall("call_s8", "get_order", '{"order_id":"A8"}'), chunk({}, "tool_calls")] });
      const result = await collect(await brokenClient.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "help" }], tools, stream: true }));
      expect(result.toolDeltas).toEqual([]);
      expect(result.text).toContain("could not record this response");
      expect(result.finish).toEqual(["stop"]);
      expect(result.extension?.withheld[0]).toMatchObject({ id: "call_s8", code: "audit_failed" });
    } finally {
      await broken.close();
    }
  });
});

describe("the openai client's runTools helper through the gateway", () => {
  it("runs the allowed call in the client and the gateway records its result against the call", async () => {
    next = (_body, index) => (upstream.requests[index]!.messages as unknown[]).length === 1 ? { json: completionWith([{ id: "call_rt", name: "get_order", arguments: '{"order_id":"A9"}' }]) } : { json: completionWith([], "Order A9 has shipped.") };
    const ran: unknown[] = [];
    const runner = client.chat.completions.runTools({
      model: "mock-model",
      messages: [{ role: "user", content: "where is A9" }],
      tools: [{ type: "function", function: { name: "get_order", description: "look up an order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] }, parse: JSON.parse, function: (args: { order_id: string }) => (ran.push(args), { status: "shipped" }) } }],
    });
    expect(await runner.finalContent()).toBe("Order A9 has shipped.");
    expect(ran).toEqual([{ order_id: "A9" }]);
    const recorded = (await gateway.audit.read({})).find((event) => event.type === "call.executed" && event.callId === "call_rt");
    expect(recorded?.data).toMatchObject({ ranBy: "client", name: "get_order", result: { status: "shipped" } });
  });
});
