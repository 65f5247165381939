// Tests the AI SDK adapter end to end against a real OpenAI-compatible HTTP server on loopback.
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { aiSdkModel, toFinishReason, toPrompt, toUsage } from "./ai-sdk.js";
import type { AiSdkModelOptions } from "./ai-sdk.js";
import { ModelError } from "./errors.js";
import type { ChatMessage, ToolSpec } from "../record/index.js";
import type { ModelRequest } from "./types.js";

interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // The wire format under test is loose JSON; the assertions below spell out the shape they expect.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

interface Reply {
  status?: number;
  body: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
}

interface LoopbackServer {
  baseURL: string;
  received: ReceivedRequest[];
  reply: (request: ReceivedRequest, index: number) => Reply;
  close(): Promise<void>;
}

async function startServer(): Promise<LoopbackServer> {
  const state: LoopbackServer = {
    baseURL: "",
    received: [],
    reply: () => ({ body: completion({ content: "" }) }),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const request: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: text === "" ? undefined : JSON.parse(text),
      };
      state.received.push(request);
      const reply =
        request.path === "/v1/chat/completions"
          ? state.reply(request, state.received.length - 1)
          : { status: 404, body: { error: { message: `no route ${request.path}` } } };
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.baseURL = `http://127.0.0.1:${port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function completion(message: {
  content: string | null;
  toolCalls?: Array<{ id: string; name: string; arguments: string }>;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}) {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: message.content,
          ...(message.toolCalls
            ? {
                tool_calls: message.toolCalls.map((call) => ({
                  id: call.id,
                  type: "function",
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        finish_reason: message.finishReason ?? (message.toolCalls ? "tool_calls" : "stop"),
      },
    ],
    ...(message.usage === null ? {} : { usage: message.usage ?? { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } }),
  };
}

const weatherTool: ToolSpec = {
  name: "get_weather",
  description: "Current weather for a city.",
  inputSchema: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
    required: ["city"],
    additionalProperties: false,
  },
};

const timeTool: ToolSpec = {
  name: "get_time",
  description: "Current time in a time zone.",
  inputSchema: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
};

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return { messages: [{ role: "user", content: "What is the weather in Paris?" }], tools: [weatherTool, timeTool], ...overrides };
}

let server: LoopbackServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await server.close();
});

function modelFor(options: Partial<AiSdkModelOptions> = {}, baseURL = server.baseURL) {
  const provider = createOpenAICompatible({ name: "loopback", baseURL });
  const id = `openai-compatible:${baseURL}#test-model`;
  return aiSdkModel(provider.chatModel("test-model"), { id, initialRetryDelayMs: 5, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("aiSdkModel replies", () => {
  it("returns a text reply with stop as the finish reason", async () => {
    server.reply = () => ({ body: completion({ content: "It is sunny in Paris." }) });
    const response = await modelFor().generate(request());
    expect(response).toEqual({
      text: "It is sunny in Paris.",
      toolCalls: [],
      usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 },
      finishReason: "stop",
    });
  });

  it("keeps the adapter id it was given", () => {
    expect(modelFor().id).toBe(`openai-compatible:${server.baseURL}#test-model`);
  });

  it("returns one tool call with its id, name and raw argument text", async () => {
    const raw = '{ "city" : "Paris" }';
    server.reply = () => ({ body: completion({ content: null, toolCalls: [{ id: "call_abc", name: "get_weather", arguments: raw }] }) });
    const response = await modelFor().generate(request());
    expect(response.toolCalls).toEqual([{ id: "call_abc", name: "get_weather", arguments: raw }]);
    expect(response.text).toBe("");
    expect(response.finishReason).toBe("tool-calls");
  });

  it("returns parallel tool calls in the order the model proposed them", async () => {
    server.reply = () => ({
      body: completion({
        content: "Checking both.",
        toolCalls: [
          { id: "call_2", name: "get_time", arguments: '{"zone":"Europe/Paris"}' },
          { id: "call_1", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
        ],
      }),
    });
    const response = await modelFor().generate(request());
    expect(response.text).toBe("Checking both.");
    expect(response.toolCalls).toEqual([
      { id: "call_2", name: "get_time", arguments: '{"zone":"Europe/Paris"}' },
      { id: "call_1", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
    ]);
  });

  it("passes malformed argument JSON through raw and untouched, for the gate's decoder to repair", async () => {
    const malformed = '{"city": "Paris",}';
    server.reply = () => ({ body: completion({ content: null, toolCalls: [{ id: "call_1", name: "get_weather", arguments: malformed }] }) });
    const response = await modelFor().generate(request());
    expect(response.toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: malformed }]);
  });

  it("maps usage, and reports zeros when the server sends none", async () => {
    server.reply = (_request, index) => ({
      body: completion({
        content: "ok",
        usage: index === 0 ? { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 } : null,
      }),
    });
    const model = modelFor();
    expect((await model.generate(request())).usage).toEqual({ inputTokens: 321, outputTokens: 45, totalTokens: 366 });
    expect((await model.generate(request())).usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it("maps the length finish reason", async () => {
    server.reply = () => ({ body: completion({ content: "It is sun", finishReason: "length" }) });
    expect((await modelFor().generate(request())).finishReason).toBe("length");
  });
});

describe("aiSdkModel request body", () => {
  it("sends system, user, assistant tool calls and tool results in the chat-completions format", async () => {
    server.reply = () => ({ body: completion({ content: "Sunny, 21 °C." }) });
    const envelope = { ok: true, result: { tempC: 21, sky: "sunny" } };
    const errorEnvelope = { ok: false, error: { code: "invalid_arguments", message: "zone is required" } };
    const messages: ChatMessage[] = [
      { role: "system", content: "You are a weather assistant." },
      { role: "user", content: "Weather and time in Paris?" },
      {
        role: "assistant",
        content: "Let me check.",
        toolCalls: [
          { id: "call_1", name: "get_weather", arguments: '{"city": "Paris"}' },
          { id: "call_2", name: "get_time", arguments: '{"zone": "Europe/Paris",}' },
        ],
      },
      { role: "tool", callId: "call_1", toolName: "get_weather", content: JSON.stringify(envelope) },
      { role: "tool", callId: "call_2", toolName: "get_time", content: JSON.stringify(errorEnvelope) },
      { role: "assistant", content: "", toolCalls: [{ id: "call_3", name: "get_time", arguments: "" }] },
      { role: "tool", callId: "call_3", toolName: "get_time", content: "not json at all" },
    ];
    await modelFor().generate(request({ messages, maxOutputTokens: 256, temperature: 0.2 }));

    expect(server.received).toHaveLength(1);
    const sent = server.received[0]!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.body.model).toBe("test-model");
    expect(sent.body.max_tokens).toBe(256);
    expect(sent.body.temperature).toBe(0.2);
    expect(sent.body.stream).toBeFalsy();

    const wire = sent.body.messages;
    expect(wire).toHaveLength(7);
    expect(wire[0]).toEqual({ role: "system", content: "You are a weather assistant." });
    expect(wire[1]).toEqual({ role: "user", content: "Weather and time in Paris?" });
    expect(wire[2].role).toBe("assistant");
    expect(wire[2].content).toBe("Let me check.");
    expect(wire[2].tool_calls.map((call: { id: string; type: string; function: { name: string } }) => [call.id, call.type, call.function.name])).toEqual([
      ["call_1", "function", "get_weather"],
      ["call_2", "function", "get_time"],
    ]);
    // Parsed arguments are re-serialised by the provider; ones that never parsed travel as a JSON string
    // holding the model's own raw text, so nothing it wrote is silently "fixed" in the history.
    expect(JSON.parse(wire[2].tool_calls[0].function.arguments)).toEqual({ city: "Paris" });
    expect(JSON.parse(wire[2].tool_calls[1].function.arguments)).toBe('{"zone": "Europe/Paris",}');
    expect(wire[3]).toEqual({ role: "tool", tool_call_id: "call_1", content: expect.any(String) });
    expect(JSON.parse(wire[3].content)).toEqual(envelope);
    expect(wire[4].tool_call_id).toBe("call_2");
    expect(JSON.parse(wire[4].content)).toEqual(errorEnvelope);
    expect(wire[5].tool_calls[0].function.arguments).toBe("{}");
    expect(wire[6]).toEqual({ role: "tool", tool_call_id: "call_3", content: "not json at all" });
  });

  it("sends tools as functions with their JSON Schema parameters", async () => {
    server.reply = () => ({ body: completion({ content: "ok" }) });
    await modelFor().generate(request());
    expect(server.received[0]!.body.tools).toEqual([
      { type: "function", function: { name: "get_weather", description: weatherTool.description, parameters: weatherTool.inputSchema } },
      { type: "function", function: { name: "get_time", description: timeTool.description, parameters: timeTool.inputSchema } },
    ]);
    expect(server.received[0]!.body.tool_choice).toBeUndefined();
  });

  it.each([
    ["auto", "auto"],
    ["none", "none"],
    ["required", "required"],
    [{ tool: "get_time" }, { type: "function", function: { name: "get_time" } }],
  ] as const)("maps tool choice %j to %j", async (choice, wire) => {
    server.reply = () => ({ body: completion({ content: "ok" }) });
    await modelFor().generate(request({ toolChoice: choice }));
    expect(server.received[0]!.body.tool_choice).toEqual(wire);
  });

  it("omits tools and tool choice when there are no tools", async () => {
    server.reply = () => ({ body: completion({ content: "ok" }) });
    await modelFor().generate(request({ tools: [], toolChoice: "required" }));
    expect(server.received[0]!.body).not.toHaveProperty("tools");
    expect(server.received[0]!.body).not.toHaveProperty("tool_choice");
  });
});

describe("aiSdkModel failures", () => {
  it("retries HTTP 500 maxRetries times, then throws a ModelError naming the model and status", async () => {
    server.reply = () => ({ status: 500, body: { error: { message: "upstream exploded", type: "server_error" } } });
    const error = await rejection(modelFor({ maxRetries: 2 }).generate(request()));
    expect(server.received).toHaveLength(3);
    expect(error).toBeInstanceOf(ModelError);
    const modelError = error as ModelError;
    expect(modelError.statusCode).toBe(500);
    expect(modelError.modelId).toBe(`openai-compatible:${server.baseURL}#test-model`);
    expect(modelError.attempts).toBe(3);
    expect(modelError.message).toContain("HTTP 500");
    expect(modelError.message).toContain(`${server.baseURL}/chat/completions`);
    expect(modelError.message).toContain(modelError.modelId);
    expect(modelError.message).toContain("upstream exploded");
    expect(modelError.message).not.toContain("\n");
  });

  it("succeeds when a retry succeeds", async () => {
    server.reply = (_request, index) =>
      index === 0 ? { status: 503, body: { error: { message: "warming up" } } } : { body: completion({ content: "ready" }) };
    const response = await modelFor().generate(request());
    expect(response.text).toBe("ready");
    expect(server.received).toHaveLength(2);
  });

  it("honours maxRetries 0", async () => {
    server.reply = () => ({ status: 500, body: { error: { message: "down" } } });
    const error = await rejection(modelFor({ maxRetries: 0 }).generate(request()));
    expect(error).toBeInstanceOf(ModelError);
    expect(server.received).toHaveLength(1);
  });

  it("does not retry HTTP 400", async () => {
    server.reply = () => ({ status: 400, body: { error: { message: "tools[0].function.parameters is invalid" } } });
    const error = await rejection(modelFor({ maxRetries: 3 }).generate(request()));
    expect(server.received).toHaveLength(1);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).statusCode).toBe(400);
    expect((error as ModelError).message).toContain("HTTP 400");
    expect((error as ModelError).message).toContain("tools[0].function.parameters is invalid");
  });

  it("names the API key env var on HTTP 401", async () => {
    server.reply = () => ({ status: 401, body: { error: { message: "bad key" } } });
    const error = await rejection(modelFor().generate(request()));
    expect(server.received).toHaveLength(1);
    expect((error as ModelError).statusCode).toBe(401);
    expect((error as ModelError).hint).toContain("OPENAI_COMPATIBLE_API_KEY");
    expect((error as ModelError).message).toContain("OPENAI_COMPATIBLE_API_KEY");
  });

  it("reports an unreachable server with a base-URL hint", async () => {
    const closed = await startServer();
    const deadURL = closed.baseURL;
    await closed.close();
    const error = await rejection(modelFor({ maxRetries: 0 }, deadURL).generate(request()));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).statusCode).toBeUndefined();
    expect((error as ModelError).message).toContain("could not reach the server");
    expect((error as ModelError).message).toContain(deadURL);
  });

  it("rejects promptly when the signal aborts a slow reply, without retrying", async () => {
    server.reply = () => ({ delayMs: 5_000, body: completion({ content: "too late" }) });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    const error = await rejection(modelFor({ maxRetries: 2 }).generate(request({ signal: controller.signal })));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    expect(error).not.toBeInstanceOf(ModelError);
    expect((error as Error).message).toBe("user cancelled");
    expect(server.received).toHaveLength(1);
  });

  it("stops waiting between retries when the signal aborts", async () => {
    server.reply = () => ({ status: 500, body: { error: { message: "down" } } });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error("stop")), 100);
    const error = await rejection(
      modelFor({ maxRetries: 5, initialRetryDelayMs: 10_000 }).generate(request({ signal: controller.signal })),
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((error as Error).message).toBe("stop");
    expect(server.received).toHaveLength(1);
  });

  it("uses the server's retry-after-ms over its own backoff", async () => {
    server.reply = (_request, index) =>
      index === 0
        ? { status: 429, headers: { "retry-after-ms": "20" }, body: { error: { message: "slow down" } } }
        : { body: completion({ content: "ok" }) };
    const started = performance.now();
    const response = await modelFor({ initialRetryDelayMs: 10_000 }).generate(request());
    expect(response.text).toBe("ok");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.received).toHaveLength(2);
  });
});

describe("conversions", () => {
  it("groups consecutive tool results into one tool message", () => {
    const prompt = toPrompt([
      { role: "assistant", content: "", toolCalls: [{ id: "a", name: "x", arguments: "{}" }, { id: "b", name: "y", arguments: "{}" }] },
      { role: "tool", callId: "a", toolName: "x", content: '{"ok":true,"result":1}' },
      { role: "tool", callId: "b", toolName: "y", content: "plain" },
    ]);
    expect(prompt).toHaveLength(2);
    expect(prompt[1]).toEqual({
      role: "tool",
      content: [
        { type: "tool-result", toolCallId: "a", toolName: "x", output: { type: "json", value: { ok: true, result: 1 } } },
        { type: "tool-result", toolCallId: "b", toolName: "y", output: { type: "text", value: "plain" } },
      ],
    });
  });

  it("reads nested V3 usage and plain-number usage alike", () => {
    expect(
      toUsage({
        inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: undefined, text: undefined, reasoning: undefined },
      }),
    ).toEqual({ inputTokens: 10, outputTokens: 0, totalTokens: 10 });
    expect(toUsage({ inputTokens: 3, outputTokens: 4 } as never)).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(toUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it("maps finish reasons, falling back to other", () => {
    expect(toFinishReason({ unified: "content-filter", raw: "content_filter" })).toBe("content-filter");
    expect(toFinishReason("tool-calls")).toBe("tool-calls");
    expect(toFinishReason({ unified: "unknown" as never, raw: undefined })).toBe("other");
    expect(toFinishReason(undefined)).toBe("other");
  });
});
