// The embedded model adapter: a local GGUF through node-llama-cpp, with grammar-constrained tool calls when a call is required.
import { availableParallelism } from "node:os";
import {
  getLlama,
  LlamaChat,
  LlamaLogLevel,
  resolveChatWrapper,
  type ChatHistoryItem,
  type ChatModelFunctions,
  type Llama,
  type LlamaChatResponse,
  type LlamaGrammar,
} from "node-llama-cpp";
import { resolveModelPath, type ModelEnv } from "../download/resolve-model-path.js";
import { ModelError } from "../errors.js";
import type { DownloadProgress } from "../download/download-file.js";
import { createProgressBar, type ProgressBar } from "../download/progress-bar.js";
import type { FinishReason, ProposedCall, ToolSpec } from "../../record/index.js";
import type { ContextWindow, ModelAdapter, ModelRequest, ModelResponse, PromptRequest } from "../types.js";
import { toChatHistory } from "./chat-history.js";
import { toCallGrammarSchema, toGrammarSchema, type GrammarSchemaOptions } from "./grammar-schema.js";

export interface LlamaModelOptions {
  /** `"default"` (downloaded on first use) or a path to a .gguf file. */
  model: string;
  /** CPU threads for evaluation; defaults to half the available cores (the other half keeps the process responsive). */
  threads?: number;
  /** Context window in tokens (default 8192); capped at what the model was trained for. */
  contextSize?: number;
  /** Upper bound for generated strings whose schema sets none, so constrained generation always ends. */
  maxStringLength?: number;
  /** Upper bound for generated arrays whose schema sets none. */
  maxItems?: number;
  /**
   * `"auto"` uses a GPU when a prebuilt backend for it loads (Metal, CUDA, Vulkan) and falls back to the CPU otherwise;
   * `false` forces the CPU. Binaries are never compiled at run time either way.
   */
  gpu?: "auto" | false;
  /**
   * Bound on generated tokens when a request sets none; that many tokens of the context stay free of prompt.
   * Default: a quarter of the context, at most 1024 (a tool call or a short answer needs far less).
   */
  defaultMaxOutputTokens?: number;
  cacheDir?: string;
  /** Download progress of the default model; when omitted, a progress bar is drawn on stderr. */
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /** Environment consulted for the default model (cache dir, mirror URL); defaults to process.env. */
  env?: ModelEnv;
  fetch?: typeof fetch;
}

/** The adapter as returned by `createLlamaModel`: always closable, and it says which chat format it picked. */
export interface LlamaModelAdapter extends ModelAdapter {
  readonly modelPath: string;
  readonly contextWindow: ContextWindow;
  /** The context length the model was trained for: the most `contextSize` can be. */
  readonly trainContextSize: number;
  /** The node-llama-cpp chat wrapper chosen from the GGUF metadata (e.g. "Qwen", "General"). */
  readonly chatWrapperName: string;
  close(): Promise<void>;
}

const defaultContextSize = 8192;
const maxDefaultOutputTokens = 1024;
const maxCachedGrammars = 64;
/** Resamples of a constrained call whose text decoded to invalid UTF-8. */
const maxInvalidUtf8Retries = 2;

function defaultThreadCount(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/** The output bound of a context when none is configured: a quarter of it, at most 1024 tokens. */
function defaultOutputTokens(contextSize: number): number {
  return Math.min(maxDefaultOutputTokens, Math.floor(contextSize / 4));
}

/**
 * Prompt tokens a context of `contextSize` admits with `maxOutputTokens` kept free. node-llama-cpp also keeps a tenth
 * of the context free for its context shift, so the larger of the two is reserved.
 */
function promptLimitOf(contextSize: number, maxOutputTokens: number): number {
  return contextSize - Math.max(maxOutputTokens, Math.max(1, Math.floor(contextSize / 10)));
}

export async function createLlamaModel(options: LlamaModelOptions): Promise<LlamaModelAdapter> {
  const id = options.model === "default" ? "llama:default" : `llama:${options.model}`;
  // A first run downloads ~1 GB; without a callback the wait is shown on stderr rather than left silent.
  let bar: ProgressBar | undefined;
  const onProgress =
    options.onDownloadProgress ??
    ((progress: DownloadProgress) => (bar ??= createProgressBar({ label: "toolgate: downloading model" })).update(progress));
  const modelPath = await resolveModelPath({
    model: options.model,
    cacheDir: options.cacheDir,
    env: options.env,
    onProgress,
    fetch: options.fetch,
  }).finally(() => bar?.done());

  // build "never": compiling llama.cpp on a user's machine at run time is slow and surprising; prebuilt binaries only.
  const llama = await getLlama({ build: "never", gpu: options.gpu ?? "auto", logLevel: LlamaLogLevel.error });
  let loaded: Awaited<ReturnType<typeof load>>;
  try {
    loaded = await load(llama, modelPath, options);
  } catch (error) {
    await llama.dispose();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not load the GGUF model at ${modelPath}: ${reason}`, { cause: error });
  }
  const { model, context, sequence, chat } = loaded;
  const contextSize = context.contextSize;
  const maxOutputTokens = options.defaultMaxOutputTokens ?? defaultOutputTokens(contextSize);
  const promptLimit = promptLimitOf(contextSize, maxOutputTokens);
  if (promptLimit < 1) {
    const trained = model.trainContextSize;
    await loaded.dispose();
    await llama.dispose();
    throw new ModelError({
      modelId: id,
      problem: `an output bound of ${maxOutputTokens} tokens leaves no room for a prompt in a context of ${contextSize} tokens`,
      hint: `lower the output bound (--max-output-tokens / model.maxOutputTokens) or raise the context size (--context-size / model.contextSize; this model was trained for ${trained})`,
    });
  }
  const grammarOptions: GrammarSchemaOptions = { maxStringLength: options.maxStringLength, maxItems: options.maxItems };
  const grammars = new Map<string, Promise<LlamaGrammar>>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let callCounter = 0;

  const grammarFor = (tools: readonly ToolSpec[]): Promise<LlamaGrammar> => {
    const key = JSON.stringify(tools.map((tool) => [tool.name, tool.inputSchema]));
    let grammar = grammars.get(key);
    if (!grammar) {
      grammar = createCallGrammar(llama, tools, grammarOptions);
      grammars.set(key, grammar);
      grammar.catch(() => grammars.delete(key));
      if (grammars.size > maxCachedGrammars) grammars.delete(grammars.keys().next().value as string);
    }
    return grammar;
  };

  const countTokens = (prompt: RenderedPrompt): number =>
    chat.chatWrapper
      .generateContextState({ chatHistory: prompt.history, ...(prompt.functions ? { availableFunctions: prompt.functions, documentFunctionParams: true } : {}) })
      .contextText.tokenize(model.tokenizer).length;

  const contextWindow: ContextWindow = {
    contextSize,
    maxOutputTokens,
    promptLimit,
    promptTokens: async (request) => countTokens(renderPrompt(request, grammarOptions)),
  };

  /** Refuses a prompt that leaves less than the output bound free, naming the part that overflowed with its token count. */
  const checkFits = (request: ModelRequest, prompt: RenderedPrompt, maxTokens: number): void => {
    const promptTokens = countTokens(prompt);
    if (promptTokens <= promptLimitOf(contextSize, maxTokens)) return;
    throw overflowError(request, promptTokens, maxTokens);
  };

  const overflowError = (request: ModelRequest, promptTokens: number, maxTokens: number, cause?: unknown): ModelError => {
    const conversationTokens = countTokens(renderPrompt({ messages: request.messages, tools: [], toolChoice: "none" }, grammarOptions));
    const toolTokens = Math.max(0, promptTokens - conversationTokens);
    const room = promptLimitOf(contextSize, maxTokens);
    const reserved = contextSize - room;
    const parts = `the conversation and system prompt take ${conversationTokens} tokens` + (request.tools.length > 0 ? ` and ${request.tools.length} tool schemas ${toolTokens} more` : "");
    const problem =
      conversationTokens > room
        ? `${parts}: the conversation alone exceeds the ${room} tokens a context of ${contextSize} leaves after ${reserved} reserved for output`
        : `${parts}: ${promptTokens} prompt tokens exceed the ${room} tokens a context of ${contextSize} leaves after ${reserved} reserved for output`;
    const hint =
      conversationTokens > room
        ? `shorten the system prompt or conversation, raise the context size (--context-size / model.contextSize; this model was trained for ${model.trainContextSize}) or lower the output bound (--max-output-tokens)`
        : `expose fewer tools (a router: toolgate's runtime fits the tools to the context itself), raise the context size (--context-size / model.contextSize; this model was trained for ${model.trainContextSize}) or lower the output bound (--max-output-tokens)`;
    return new ModelError({ modelId: id, problem, hint, ...(cause !== undefined ? { cause } : {}) });
  };

  const run = async (request: ModelRequest): Promise<ModelResponse> => {
    if (closed) throw new Error(`${id} is closed`);
    request.signal?.throwIfAborted();
    const choice = request.toolChoice ?? "auto";
    const tools = request.tools;
    const prompt = renderPrompt(request, grammarOptions);
    const maxTokens = request.maxOutputTokens ?? maxOutputTokens;
    // Checked before generating: past this point node-llama-cpp would shift the context (dropping history) or fail.
    checkFits(request, prompt, maxTokens);
    const sampling = {
      maxTokens,
      temperature: request.temperature,
      seed: request.seed,
      signal: request.signal,
    };
    const before = sequence.tokenMeter.getState();
    const usage = () => {
      const spent = sequence.tokenMeter.diff(before);
      const outputTokens = spent.usedOutputTokens;
      // The meter counts only tokens evaluated now; a reused prefix is not re-evaluated, so the prompt size is
      // read from the sequence instead: everything in it that the model did not generate.
      const inputTokens = Math.max(spent.usedInputTokens, sequence.contextTokens.length - outputTokens);
      return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
    };
    const newCallId = () => `call_${Date.now().toString(36)}_${(callCounter++).toString(36)}`;

    try {
      if (choice === "none" || (choice === "auto" && tools.length === 0)) {
        const result = await chat.generateResponse(prompt.history, sampling);
        return { text: result.response, toolCalls: [], usage: usage(), finishReason: finishReasonOf(result, false) };
      }

      if (choice === "auto") {
        const functions = prompt.functions ?? {};
        const result = await chat.generateResponse(prompt.history, { ...sampling, functions, documentFunctionParams: true });
        const toolCalls: ProposedCall[] = (result.functionCalls ?? []).map((call) => ({
          id: newCallId(),
          name: call.functionName,
          arguments: JSON.stringify(call.params ?? {}),
        }));
        return { text: result.response, toolCalls, usage: usage(), finishReason: finishReasonOf(result, toolCalls.length > 0) };
      }

      const allowed = allowedTools(tools, choice);
      const grammar = await grammarFor(allowed);
      // llama.cpp's grammar reads UTF-8 leniently: byte-fallback tokens forming an invalid sequence count as one
      // character there but decode to several U+FFFD here, breaking the string lengths the grammar enforced. Such
      // output is never what a model meant, so it is sampled again (bounded, reseeded); the gate validates anyway.
      let result = await chat.generateResponse(prompt.history, { ...sampling, grammar });
      for (let retry = 1; retry <= maxInvalidUtf8Retries && result.response.includes("\uFFFD"); retry++) {
        result = await chat.generateResponse(prompt.history, { ...sampling, seed: (request.seed ?? 0) + retry * 7919, grammar });
      }
      const call = parseConstrainedCall(result.response);
      if (!call) {
        // Only a token limit can cut a grammar-constrained call short; report it as such, with what was produced.
        return { text: result.response, toolCalls: [], usage: usage(), finishReason: "length" };
      }
      return {
        text: "",
        toolCalls: [{ id: newCallId(), name: call.name, arguments: JSON.stringify(call.arguments) }],
        usage: usage(),
        finishReason: "tool-calls",
      };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      // node-llama-cpp's own wording blames context shifting; say what the user can change instead.
      if (error instanceof Error && /fits the context size/.test(error.message)) throw overflowError(request, countTokens(prompt), maxTokens, error);
      throw error;
    }
  };

  return {
    id,
    modelPath,
    contextWindow,
    trainContextSize: model.trainContextSize,
    chatWrapperName: chat.chatWrapper.wrapperName,
    generate(request) {
      // One context sequence serves every request; generations run one at a time against it.
      const next = queue.then(() => run(request));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      chat.dispose();
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

async function load(llama: Llama, modelPath: string, options: LlamaModelOptions) {
  const model = await llama.loadModel({ modelPath });
  try {
    const contextSize = Math.min(options.contextSize ?? defaultContextSize, model.trainContextSize);
    const context = await model.createContext({ contextSize, threads: options.threads ?? defaultThreadCount(), sequences: 1 });
    const sequence = context.getSequence();
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: resolveChatWrapper(model) });
    const dispose = async () => {
      chat.dispose();
      await context.dispose();
      await model.dispose();
    };
    return { model, context, sequence, chat, dispose };
  } catch (error) {
    await model.dispose();
    throw error;
  }
}

/**
 * node-llama-cpp's JSON-schema grammar, with its number rules tightened: the library's integer rule admits exponents
 * (`1e-5` is not an integer) and up to 16 digits (beyond exact doubles), and its number rule admits exponents large
 * enough to overflow to Infinity, which JSON.stringify turns into null. Each would make a "valid by construction"
 * call fail validation.
 */
async function createCallGrammar(
  llama: Llama,
  tools: readonly ToolSpec[],
  options: GrammarSchemaOptions = {},
): Promise<LlamaGrammar> {
  // The schema is built at run time, so the library's literal-inferring generic is widened on purpose.
  const schema = toCallGrammarSchema(tools, options) as Parameters<Llama["createGrammarForJsonSchema"]>[0];
  const jsonGrammar = await llama.createGrammarForJsonSchema(schema);
  const text = jsonGrammar.grammar
    .replace(/^integer-number-rule ::= .*$/m, 'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,14})')
    .replace(
      /^fractional-number-rule ::= .*$/m,
      'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,14}) ("." [0-9]{1,15})? ([eE] [-+]? [1-9] [0-9]?)?',
    );
  return llama.createGrammar({
    grammar: text,
    stopGenerationTriggers: jsonGrammar.stopGenerationTriggers,
    trimWhitespaceSuffix: true,
  });
}

/** What generation renders for a request: the chat history and, when the model may choose a tool, the documented functions. */
interface RenderedPrompt {
  history: ChatHistoryItem[];
  functions?: ChatModelFunctions;
}

/** The one rendering both generation and token counting use, so the count is of exactly what the model will read. */
function renderPrompt(request: PromptRequest, grammarOptions: GrammarSchemaOptions): RenderedPrompt {
  const choice = request.toolChoice ?? "auto";
  const history = toChatHistory(request.messages);
  if (choice === "none" || (choice === "auto" && request.tools.length === 0)) return { history };
  if (choice === "auto") {
    const functions: ChatModelFunctions = Object.fromEntries(
      request.tools.map((tool) => [tool.name, { description: tool.description, params: toGrammarSchema(tool.inputSchema, grammarOptions) }]),
    );
    return { history, functions };
  }
  return { history: withCallInstructions(history, allowedTools(request.tools, choice)) };
}

function allowedTools(tools: readonly ToolSpec[], choice: "required" | { tool: string }): readonly ToolSpec[] {
  if (choice === "required") {
    if (tools.length === 0) throw new Error('toolChoice "required" needs at least one tool in the request');
    return tools;
  }
  const tool = tools.find((candidate) => candidate.name === choice.tool);
  if (!tool) {
    throw new Error(`toolChoice names "${choice.tool}", which is not among the request's tools: ${tools.map((t) => t.name).join(", ") || "(none)"}`);
  }
  return [tool];
}

/**
 * With a grammar, node-llama-cpp cannot also document functions in the prompt, so the tools are described in a
 * system message instead: the grammar guarantees the shape, the description is what lets a real model choose well.
 */
function withCallInstructions(history: ChatHistoryItem[], tools: readonly ToolSpec[]): ChatHistoryItem[] {
  const listing = tools
    .map((tool) => `- ${tool.name}: ${tool.description}\n  arguments (JSON Schema): ${JSON.stringify(tool.inputSchema)}`)
    .join("\n");
  const instructions =
    `Answer with exactly one function call as JSON: {"name": <function name>, "arguments": <object>}.\n` +
    `Available functions:\n${listing}`;
  const [first, ...rest] = history;
  if (first?.type === "system" && typeof first.text === "string") {
    return [{ type: "system", text: `${first.text}\n\n${instructions}` }, ...rest];
  }
  return [{ type: "system", text: instructions }, ...history];
}

function parseConstrainedCall(text: string): { name: string; arguments: unknown } | undefined {
  try {
    const value = JSON.parse(text) as { name?: unknown; arguments?: unknown };
    return typeof value.name === "string" ? { name: value.name, arguments: value.arguments ?? {} } : undefined;
  } catch {
    return undefined;
  }
}

function finishReasonOf(result: LlamaChatResponse<ChatModelFunctions | undefined>, calledTools: boolean): FinishReason {
  if (calledTools) return "tool-calls";
  switch (result.metadata.stopReason) {
    case "maxTokens":
      return "length";
    case "abort":
      return "other";
    default:
      return "stop";
  }
}
