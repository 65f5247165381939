// Adapts any AI SDK v6 language model (provider spec V3) to toolgate's ModelAdapter, with retries and clear errors.
import { APICallError, LoadAPIKeyError } from "@ai-sdk/provider";
import type {
  JSONValue,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3FunctionTool,
  LanguageModelV3GenerateResult,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3ToolChoice,
  LanguageModelV3ToolResultPart,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { ModelError } from "./errors.js";
import type { ChatMessage, FinishReason, ProposedCall, ToolChoice, ToolSpec, Usage } from "../record/index.js";
import type { ModelAdapter, ModelRequest, ModelResponse } from "./types.js";

export interface AiSdkModelOptions {
  /** The spec this adapter serves (e.g. `openai:gpt-4.1-mini`); recorded in traces and named in errors. */
  id: string;
  /** Retries of retryable API errors (429, 5xx, connection failures); 2 by default, as in the AI SDK's generateText. */
  maxRetries?: number;
  /** First backoff delay, doubled on each retry; 2000 ms by default, as in the AI SDK. */
  initialRetryDelayMs?: number;
  /** Bound on generated tokens when a request sets none; the provider's own default when absent. */
  maxOutputTokens?: number;
}

/**
 * Calls `model.doGenerate` directly rather than `generateText`: generateText parses and validates tool
 * arguments itself, and toolgate's gate must see the model's raw argument text (the V3 `tool-call`
 * part's `input` string) so that its own decoder can record every repair it makes.
 */
export function aiSdkModel(model: LanguageModelV3, options: AiSdkModelOptions): ModelAdapter {
  const maxRetries = options.maxRetries ?? 2;
  const initialDelayMs = options.initialRetryDelayMs ?? 2000;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new RangeError(`maxRetries must be a non-negative integer, got ${maxRetries}`);
  }
  return {
    id: options.id,
    async generate(request) {
      const callOptions = toCallOptions(options.maxOutputTokens !== undefined && request.maxOutputTokens === undefined ? { ...request, maxOutputTokens: options.maxOutputTokens } : request);
      for (let attempt = 1; ; attempt++) {
        try {
          return fromGenerateResult(await model.doGenerate(callOptions));
        } catch (error) {
          // A cancelled call is the caller's decision, not a model failure: surface the abort reason untouched.
          if (request.signal?.aborted) throw request.signal.reason ?? error;
          if (APICallError.isInstance(error) && error.isRetryable && attempt <= maxRetries) {
            await sleep(retryDelayMs(error, initialDelayMs * 2 ** (attempt - 1)), request.signal);
            continue;
          }
          throw toModelError(error, options.id, attempt);
        }
      }
    },
  };
}

function toCallOptions(request: ModelRequest): LanguageModelV3CallOptions {
  const hasTools = request.tools.length > 0;
  return {
    prompt: toPrompt(request.messages),
    tools: hasTools ? request.tools.map(toFunctionTool) : undefined,
    toolChoice: hasTools && request.toolChoice !== undefined ? toToolChoice(request.toolChoice) : undefined,
    maxOutputTokens: request.maxOutputTokens,
    temperature: request.temperature,
    seed: request.seed,
    abortSignal: request.signal,
  };
}

export function toPrompt(messages: ChatMessage[]): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = [];
  for (const message of messages) {
    switch (message.role) {
      case "system":
        prompt.push({ role: "system", content: message.content });
        break;
      case "user":
        prompt.push({ role: "user", content: [{ type: "text", text: message.content }] });
        break;
      case "assistant": {
        const content: Extract<LanguageModelV3Message, { role: "assistant" }>["content"] = [];
        if (message.content.length > 0) content.push({ type: "text", text: message.content });
        for (const call of message.toolCalls ?? []) {
          // The V3 prompt wants the input as a JSON value (providers re-serialise it); arguments that never
          // parsed are passed as their raw text so the history still shows the model what it actually wrote.
          // Blank arguments (some servers send "" for a no-argument tool) become {} so they round-trip as "{}".
          const input = call.arguments.trim() === "" ? {} : parseJsonOr(call.arguments, call.arguments);
          content.push({ type: "tool-call", toolCallId: call.id, toolName: call.name, input });
        }
        prompt.push({ role: "assistant", content });
        break;
      }
      case "tool": {
        const part: LanguageModelV3ToolResultPart = {
          type: "tool-result",
          toolCallId: message.callId,
          toolName: message.toolName,
          output: toToolOutput(message.content),
        };
        // Results of parallel calls belong to one tool message; some providers (Anthropic) require it.
        const last = prompt[prompt.length - 1];
        if (last?.role === "tool") last.content.push(part);
        else prompt.push({ role: "tool", content: [part] });
        break;
      }
    }
  }
  return prompt;
}

function toToolOutput(content: string): LanguageModelV3ToolResultPart["output"] {
  const parsed = parseJsonOr<JSONValue | undefined>(content, undefined);
  return parsed === undefined ? { type: "text", value: content } : { type: "json", value: parsed };
}

function toFunctionTool(spec: ToolSpec): LanguageModelV3FunctionTool {
  return {
    type: "function",
    name: spec.name,
    description: spec.description,
    inputSchema: spec.inputSchema as LanguageModelV3FunctionTool["inputSchema"],
  };
}

function toToolChoice(choice: ToolChoice): LanguageModelV3ToolChoice {
  if (typeof choice === "string") return { type: choice };
  return { type: "tool", toolName: choice.tool };
}

function fromGenerateResult(result: LanguageModelV3GenerateResult): ModelResponse {
  let text = "";
  const toolCalls: ProposedCall[] = [];
  for (const part of result.content) {
    if (part.type === "text") text += part.text;
    // Provider-executed tools (web search and the like) already ran on the provider's side: not ours to gate.
    else if (part.type === "tool-call" && part.providerExecuted !== true) {
      toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
    }
  }
  return { text, toolCalls, usage: toUsage(result.usage), finishReason: toFinishReason(result.finishReason) };
}

/** V3 usage nests totals in objects; older (V2-style) providers return plain numbers, so both are read. */
export function toUsage(usage: LanguageModelV3Usage | undefined): Usage {
  const loose = usage as unknown as { inputTokens?: unknown; outputTokens?: unknown } | undefined;
  const inputTokens = tokenCount(loose?.inputTokens);
  const outputTokens = tokenCount(loose?.outputTokens);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

function tokenCount(value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value !== null && typeof value === "object") return tokenCount((value as { total?: unknown }).total);
  return 0;
}

const finishReasons = new Set<FinishReason>(["stop", "tool-calls", "length", "content-filter", "error", "other"]);

/** V3 reports `{ unified, raw }`; a bare string (V2 style) is accepted too. */
export function toFinishReason(reason: LanguageModelV3FinishReason | string | undefined): FinishReason {
  const unified = typeof reason === "string" ? reason : reason?.unified;
  return unified !== undefined && finishReasons.has(unified as FinishReason) ? (unified as FinishReason) : "other";
}

/** Honours `retry-after-ms` / `retry-after` when the server sends a sane one, as the AI SDK does. */
function retryDelayMs(error: APICallError, backoffMs: number): number {
  const headers = error.responseHeaders ?? {};
  let ms: number | undefined;
  const retryAfterMs = parseFloat(headers["retry-after-ms"] ?? "");
  if (!Number.isNaN(retryAfterMs)) ms = retryAfterMs;
  const retryAfter = headers["retry-after"];
  if (ms === undefined && retryAfter !== undefined) {
    const seconds = parseFloat(retryAfter);
    ms = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000;
  }
  if (ms !== undefined && !Number.isNaN(ms) && ms >= 0 && (ms < 60_000 || ms < backoffMs)) return ms;
  return backoffMs;
}

function toModelError(error: unknown, modelId: string, attempts: number): ModelError {
  const problem = truncate(error instanceof Error ? error.message : String(error), 300);
  if (APICallError.isInstance(error)) {
    return new ModelError({
      modelId,
      problem,
      hint: hintFor(modelId, error.statusCode),
      statusCode: error.statusCode,
      url: error.url,
      attempts,
      cause: error,
    });
  }
  if (LoadAPIKeyError.isInstance(error)) {
    const keyVar = providerEnv(modelId).apiKey;
    return new ModelError({ modelId, problem, hint: `set ${keyVar ?? "the provider's API key env var"}`, attempts, cause: error });
  }
  return new ModelError({
    modelId,
    problem,
    hint: "the provider returned something the adapter could not use; check that the base URL points at a compatible API and the model name is right",
    attempts,
    cause: error,
  });
}

function hintFor(modelId: string, statusCode: number | undefined): string {
  const env = providerEnv(modelId);
  const baseUrl = env.baseUrl ?? "the base URL";
  if (statusCode === undefined) return `could not reach the server: check that it is running and that ${baseUrl} is right`;
  if (statusCode === 401 || statusCode === 403) return `check the API key${env.apiKey ? ` in ${env.apiKey}` : ""}`;
  if (statusCode === 404) return `check the model name and ${baseUrl}`;
  if (statusCode === 408) return "the request timed out: try again, or use a smaller prompt";
  if (statusCode === 429) return "the provider is rate-limiting: lower concurrency, wait, or raise maxRetries";
  if (statusCode >= 500) return "the server failed: check its logs or try again later (maxRetries sets how often toolgate retries)";
  return "the server rejected the request: check that the model supports tool calling and that the tool schemas are valid";
}

function providerEnv(modelId: string): { apiKey?: string; baseUrl?: string } {
  const provider = modelId.slice(0, modelId.indexOf(":"));
  switch (provider) {
    case "openai":
      return { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL" };
    case "anthropic":
      return { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" };
    case "ollama":
      return { baseUrl: "OLLAMA_BASE_URL" };
    case "openai-compatible":
      return { apiKey: "OPENAI_COMPATIBLE_API_KEY", baseUrl: "the base URL in the spec (openai-compatible:<baseURL>#<model>)" };
    default:
      return {};
  }
}

function parseJsonOr<T>(text: string, fallback: T): JSONValue | T {
  try {
    return JSON.parse(text) as JSONValue;
  } catch {
    return fallback;
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
