// Tests the embedded adapter on a real (tiny, random-weight) GGUF: constrained calls are always schema-valid, plain text, abort, errors.
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ChatMessage, ToolSpec } from "../../record/index.js";
import type { ModelRequest } from "../types.js";
import { createLlamaModel, type LlamaModelAdapter } from "./llama-model.js";
import { sharedPath, tinyModelPath as sharedTinyModelPath, describeWithShared, whenShared, sharedAvailable } from "../../test-support/shared-data.js";

const tinyModelPath = whenShared(["models", "llama-2-tiny-random.gguf"], sharedTinyModelPath, "");

const tools: ToolSpec[] = [
  {
    name: "get_weather",
    description: "Current weather and a short forecast for a city.",
    inputSchema: {
      type: "object",
      properties: {
        city: { type: "string", minLength: 1, maxLength: 40 },
        unit: { enum: ["celsius", "fahrenheit"], default: "celsius" },
        days: { type: "integer", minimum: 1, maximum: 7, description: "forecast length" },
      },
      required: ["city"],
      additionalProperties: false,
    },
  },
  {
    name: "create_order",
    description: "Places an order for a customer.",
    inputSchema: {
      type: "object",
      properties: {
        customer: { $ref: "#/$defs/customer" },
        items: { type: "array", items: { $ref: "#/$defs/lineItem" }, minItems: 1, maxItems: 4 },
        note: { type: "string", maxLength: 80 },
      },
      required: ["customer", "items"],
      additionalProperties: false,
      $defs: {
        customer: {
          type: "object",
          properties: { id: { type: "string", minLength: 3, maxLength: 12 }, vip: { type: "boolean" } },
          required: ["id"],
          additionalProperties: false,
        },
        lineItem: {
          type: "object",
          properties: {
            sku: { type: "string", minLength: 1, maxLength: 16 },
            quantity: { type: "integer", minimum: 1, maximum: 20 },
          },
          required: ["sku", "quantity"],
          additionalProperties: false,
        },
      },
    },
  },
  {
    name: "search_docs",
    description: "Full-text search over the documentation.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", minLength: 1 },
        tags: { type: "array", items: { type: "string" } },
        limit: { type: "integer", minimum: 1, maximum: 50 },
        filters: {
          type: "object",
          properties: {
            language: { anyOf: [{ enum: ["en", "de", "fr"] }, { type: "null" }] },
            score: { type: "number" },
          },
        },
      },
      required: ["query"],
    },
  },
  {
    name: "set_reminder",
    description: "Sets a reminder at a time of day.",
    inputSchema: {
      type: "object",
      properties: {
        text: { type: "string", maxLength: 60 },
        at: {
          type: "object",
          properties: { hour: { type: "integer", minimum: 0, maximum: 23 }, minute: { type: "integer", minimum: 0, maximum: 59 } },
          required: ["hour", "minute"],
          additionalProperties: false,
        },
        repeat: { type: ["string", "null"], enum: ["daily", "weekly", null] },
        kind: { const: "reminder" },
      },
      required: ["text", "at"],
      additionalProperties: false,
    },
  },
];

const prompts = [
  "What's the weather in Lisbon for the next three days?",
  "Order two boxes of SKU A-113 for customer c-778.",
  "Find the docs about rate limits, in German.",
  "Remind me to call Ana at 16:30 every day.",
  "Is it going to rain in Kyoto tomorrow?",
];

let model: LlamaModelAdapter;

beforeAll(async () => {
  if (!sharedAvailable("models", "llama-2-tiny-random.gguf")) return;
  model = await createLlamaModel({ model: tinyModelPath, threads: 1, contextSize: 2048, maxStringLength: 24, gpu: false });
});

afterAll(async () => {
  await model?.close();
});

const userTurn = (content: string): ChatMessage[] => [
  { role: "system", content: "You are a helpful assistant that calls tools." },
  { role: "user", content },
];

describeWithShared("createLlamaModel on the tiny GGUF", () => {
  it("reports its id, path and the chat wrapper picked from the GGUF", () => {
    expect(model.id).toBe(`llama:${tinyModelPath}`);
    expect(model.modelPath).toBe(tinyModelPath);
    expect(model.chatWrapperName).toBe("General");
  });

  it("describes its context window: size, the default output bound kept free, and the prompt limit", () => {
    // 2048 tokens: a quarter (512) is the default output bound, above the tenth node-llama-cpp keeps for its context shift.
    expect(model.contextWindow).toMatchObject({ contextSize: 2048, maxOutputTokens: 512, promptLimit: 1536 });
    expect(model.trainContextSize).toBe(4096);
  });

  it("counts a request's prompt tokens as rendered with the model's template: each documented tool adds to it", async () => {
    const messages = userTurn("What's the weather in Lisbon?");
    const bare = await model.contextWindow.promptTokens({ messages, tools: [] });
    const one = await model.contextWindow.promptTokens({ messages, tools: tools.slice(0, 1) });
    const two = await model.contextWindow.promptTokens({ messages, tools: tools.slice(0, 2) });
    expect(bare).toBeGreaterThan(10);
    expect(one).toBeGreaterThan(bare);
    expect(two).toBeGreaterThan(one);
    // A forced call renders its instructions instead of the function documentation: a different, still larger prompt.
    const forced = await model.contextWindow.promptTokens({ messages, tools: tools.slice(0, 1), toolChoice: { tool: "get_weather" } });
    expect(forced).toBeGreaterThan(bare);
    // The count is the prompt the model then reads: a text-only request reports about as many input tokens (the
    // sequence may hold the first sampled token or drop a trailing one of the template, hence a token either way).
    const answered = await model.generate({ messages, tools: [], maxOutputTokens: 2, seed: 1 });
    expect(Math.abs(answered.usage.inputTokens - bare)).toBeLessThanOrEqual(1);
  });

  it("bounds generation by the default output bound when a request sets none", async () => {
    const bounded = await createLlamaModel({ model: tinyModelPath, threads: 1, contextSize: 512, defaultMaxOutputTokens: 6, gpu: false });
    try {
      const response = await bounded.generate({ messages: userTurn("Tell me a long story."), tools: [], toolChoice: "none", seed: 3 });
      expect(response.usage.outputTokens).toBeLessThanOrEqual(6);
      expect(["length", "stop"]).toContain(response.finishReason);
    } finally {
      await bounded.close();
    }
  });

  it("produces 100/100 schema-valid calls under 'required' and {tool}", async () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validators = new Map(tools.map((tool) => [tool.name, ajv.compile(tool.inputSchema)]));
    let valid = 0;
    let outputTokens = 0;
    const failures: string[] = [];
    const started = performance.now();
    for (let index = 0; index < 100; index++) {
      const forced = index % 3 === 0 ? tools[index % tools.length] : undefined;
      const request: ModelRequest = {
        messages: userTurn(prompts[index % prompts.length] ?? ""),
        tools,
        toolChoice: forced ? { tool: forced.name } : "required",
        // Half sampled, half greedy; seeded so the 100 generations are the same on every run.
        temperature: index % 2 === 0 ? 0.8 : 0,
        seed: 1_000 + index,
        maxOutputTokens: 1024,
      };
      const response = await model.generate(request);
      outputTokens += response.usage.outputTokens;
      const [call] = response.toolCalls;
      if (response.toolCalls.length !== 1 || !call) {
        failures.push(`#${index}: ${response.toolCalls.length} calls, finish ${response.finishReason}, text ${response.text.slice(0, 80)}`);
        continue;
      }
      expect(response.finishReason).toBe("tool-calls");
      if (forced) expect(call.name).toBe(forced.name);
      const validate = validators.get(call.name);
      if (!validate) {
        failures.push(`#${index}: unknown tool ${call.name}`);
        continue;
      }
      if (validate(JSON.parse(call.arguments))) valid++;
      else failures.push(`#${index} ${call.name} ${call.arguments}: ${ajv.errorsText(validate.errors)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `constrained calls: ${valid}/100 schema-valid in ${seconds.toFixed(1)} s ` +
        `(${outputTokens} output tokens, ${(outputTokens / seconds).toFixed(0)} tokens/s)`,
    );
    expect(failures).toEqual([]);
    expect(valid).toBe(100);
  }, 120_000);

  it("returns plain text and no calls for toolChoice 'none', with usage", async () => {
    const response = await model.generate({ messages: userTurn("Say hello."), tools, toolChoice: "none", maxOutputTokens: 24 });
    expect(response.toolCalls).toEqual([]);
    expect(typeof response.text).toBe("string");
    expect(response.text.length).toBeGreaterThan(0);
    expect(response.finishReason).toBe("length");
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeLessThanOrEqual(24);
    expect(response.usage.inputTokens).toBeGreaterThan(5);
    expect(response.usage.totalTokens).toBe(response.usage.inputTokens + response.usage.outputTokens);
  });

  it("passes tools as functions for 'auto' and maps any call it makes", async () => {
    const response = await model.generate({ messages: userTurn("Weather in Oslo?"), tools, toolChoice: "auto", maxOutputTokens: 32 });
    // The random-weight model never starts a call on its own; a real one would. Either way the shape holds.
    for (const call of response.toolCalls) {
      expect(tools.map((tool) => tool.name)).toContain(call.name);
      expect(() => JSON.parse(call.arguments)).not.toThrow();
    }
    expect(["stop", "length", "tool-calls"]).toContain(response.finishReason);
  });

  it("is stateless between requests: the same greedy request gives the same answer after another one", async () => {
    const request: ModelRequest = { messages: userTurn("Count to three."), tools: [], toolChoice: "none", temperature: 0, maxOutputTokens: 16 };
    const first = await model.generate(request);
    await model.generate({ messages: userTurn("Something else entirely."), tools: [], temperature: 0, maxOutputTokens: 16 });
    const second = await model.generate(request);
    expect(second.text).toBe(first.text);
  });

  it("continues after tool results and can be asked for the next call", async () => {
    const messages: ChatMessage[] = [
      ...userTurn("Weather in Lisbon, then remind me to take an umbrella."),
      { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "get_weather", arguments: '{"city":"Lisbon"}' }] },
      { role: "tool", callId: "c1", toolName: "get_weather", content: '{"ok":true,"result":{"rain":true}}' },
    ];
    const response = await model.generate({ messages, tools, toolChoice: { tool: "set_reminder" } });
    expect(response.toolCalls).toHaveLength(1);
    expect(response.toolCalls[0]?.name).toBe("set_reminder");
  });

  it("compiles grammars for recursive schemas", async () => {
    const tree: ToolSpec = {
      name: "save_tree",
      description: "Stores a tree.",
      inputSchema: {
        $defs: {
          node: {
            type: "object",
            properties: { label: { type: "string", maxLength: 4 }, children: { type: "array", items: { $ref: "#/$defs/node" }, maxItems: 2 } },
            required: ["label"],
          },
        },
        type: "object",
        properties: { root: { $ref: "#/$defs/node" } },
        required: ["root"],
      },
    };
    const response = await model.generate({ messages: userTurn("Save a tree."), tools: [tree], toolChoice: "required", maxOutputTokens: 400 });
    if (response.finishReason === "tool-calls") {
      const validate = new Ajv2020().compile(tree.inputSchema);
      expect(validate(JSON.parse(response.toolCalls[0]?.arguments ?? "null"))).toBe(true);
    } else {
      expect(response.finishReason).toBe("length");
    }
  });

  it("rejects an unknown forced tool with the names it has", async () => {
    await expect(model.generate({ messages: userTurn("x"), tools, toolChoice: { tool: "nope" } })).rejects.toThrow(
      /"nope".*get_weather, create_order/,
    );
  });

  it("aborts a running generation and stays usable", async () => {
    const controller = new AbortController();
    const running = model.generate({
      messages: userTurn("Write a long story."),
      tools: [],
      toolChoice: "none",
      maxOutputTokens: 1900,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stop requested")), 20);
    // The abort's own reason comes back (no wall-clock bound: a busy machine makes any bound flaky).
    await expect(running).rejects.toThrow("stop requested");

    const before = new AbortController();
    before.abort(new Error("already aborted"));
    await expect(model.generate({ messages: userTurn("x"), tools: [], signal: before.signal })).rejects.toThrow("already aborted");

    const after = await model.generate({ messages: userTurn("Still there?"), tools: [], maxOutputTokens: 4 });
    expect(after.usage.outputTokens).toBeGreaterThan(0);
  });
}, "models", "llama-2-tiny-random.gguf");

describeWithShared("createLlamaModel errors", () => {
  it("names the fix when the prompt and tool schemas do not fit the context", async () => {
    const small = await createLlamaModel({ model: tinyModelPath, threads: 1, contextSize: 256, gpu: false });
    try {
      const manyTools = Array.from({ length: 30 }, (_, index) => ({ ...tools[0]!, name: `tool_${index}` }));
      await expect(small.generate({ messages: userTurn("hello"), tools: manyTools, toolChoice: "auto" })).rejects.toThrow(
        /the conversation and system prompt take \d+ tokens and 30 tool schemas \d+ more: \d+ prompt tokens exceed the 192 tokens a context of 256 leaves after 64 reserved for output.*expose fewer tools.*--context-size/,
      );
    } finally {
      await small.close();
    }
  });

  it("blames the conversation, with its token count, when it alone overflows", async () => {
    const small = await createLlamaModel({ model: tinyModelPath, threads: 1, contextSize: 256, defaultMaxOutputTokens: 32, gpu: false });
    try {
      const long = "please look up the weather in every city you know about ".repeat(40);
      await expect(small.generate({ messages: userTurn(long), tools: [] })).rejects.toThrow(
        /the conversation and system prompt take \d+ tokens: the conversation alone exceeds the 224 tokens a context of 256 leaves after 32 reserved for output.*shorten/,
      );
    } finally {
      await small.close();
    }
  });

  it("refuses an output bound that leaves no room for a prompt", async () => {
    await expect(createLlamaModel({ model: tinyModelPath, threads: 1, contextSize: 256, defaultMaxOutputTokens: 256, gpu: false })).rejects.toThrow(
      /an output bound of 256 tokens leaves no room for a prompt in a context of 256 tokens/,
    );
  });

  it("says clearly when the model file does not exist", async () => {
    await expect(createLlamaModel({ model: "/nonexistent/dir/model.gguf", threads: 1 })).rejects.toThrow(
      /no GGUF model file at \/nonexistent\/dir\/model\.gguf/,
    );
  });

  it("says clearly when the file is not a loadable GGUF", async () => {
    const notAModel = sharedPath("models", "SOURCE.txt");
    await expect(createLlamaModel({ model: notAModel, threads: 1, gpu: false })).rejects.toThrow(`could not load the GGUF model at ${notAModel}`);
  });
}, "models", "llama-2-tiny-random.gguf");
