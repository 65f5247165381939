// The upstream model as an OpenAI-compatible HTTP endpoint: one request, its faults mapped to OpenAI-style gateway errors.
import { GatewayError } from "./openai-error.js";

export interface UpstreamSettings {
  /** e.g. `http://127.0.0.1:8080/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  apiKey?: string;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
}

/** The parts of a chat completion the gateway reads; everything else passes through untouched. */
export interface UpstreamCompletion {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices: Array<{ index: number; message: UpstreamMessage; finish_reason: string | null; [key: string]: unknown }>;
  usage?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface UpstreamToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface UpstreamMessage {
  role: string;
  content: string | null;
  tool_calls?: UpstreamToolCall[];
  [key: string]: unknown;
}

/** Sends the request; resolves to the raw Response once the status is 2xx (the caller reads JSON or a stream). */
export async function postUpstream(settings: UpstreamSettings, body: unknown, clientSignal?: AbortSignal): Promise<Response> {
  const timeoutMs = settings.timeoutMs ?? 60_000;
  const signals = [AbortSignal.timeout(timeoutMs), ...(clientSignal ? [clientSignal] : [])];
  let response: Response;
  try {
    response = await fetch(`${settings.baseUrl.replace(/\/$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if ((error as Error).name === "TimeoutError") throw new GatewayError(504, "upstream_error", "upstream_timeout", `the upstream model did not answer within ${timeoutMs} ms`);
    if (clientSignal?.aborted) throw error;
    throw new GatewayError(502, "upstream_error", "upstream_unreachable", `the upstream model could not be reached: ${(error as Error).message}`);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    const detail = upstreamMessage(text) ?? `HTTP ${response.status}`;
    // A 4xx is about the request (the client can fix it), a 5xx is the upstream's own fault.
    if (response.status === 429) throw new GatewayError(429, "rate_limit_error", "upstream_rate_limited", `the upstream model is rate limited: ${detail}`);
    if (response.status >= 400 && response.status < 500) throw new GatewayError(400, "invalid_request_error", "upstream_rejected", `the upstream model rejected the request (HTTP ${response.status}): ${detail}`);
    throw new GatewayError(502, "upstream_error", "upstream_failed", `the upstream model failed (HTTP ${response.status}): ${detail}`);
  }
  return response;
}

export async function completeUpstream(settings: UpstreamSettings, body: unknown, clientSignal?: AbortSignal): Promise<UpstreamCompletion> {
  const response = await postUpstream(settings, body, clientSignal);
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch (error) {
    if ((error as Error).name === "TimeoutError") throw new GatewayError(504, "upstream_error", "upstream_timeout", "the upstream model's response did not arrive in time");
    throw new GatewayError(502, "upstream_error", "upstream_malformed", "the upstream model's response is not JSON");
  }
  const problem = completionProblem(parsed);
  if (problem) throw new GatewayError(502, "upstream_error", "upstream_malformed", `the upstream model's response is not a chat completion: ${problem}`);
  return parsed as UpstreamCompletion;
}

function upstreamMessage(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") return parsed.error.message;
  } catch {
    // not JSON: show its start instead
  }
  return text.length > 0 ? text.slice(0, 200) : undefined;
}

function completionProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not an object";
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return "choices must be a non-empty array";
  for (const [index, choice] of choices.entries()) {
    const message = (choice as { message?: unknown } | null)?.message as UpstreamMessage | undefined;
    if (typeof message !== "object" || message === null) return `choices[${index}].message is missing`;
    if (message.tool_calls !== undefined) {
      if (!Array.isArray(message.tool_calls)) return `choices[${index}].message.tool_calls must be an array`;
      for (const [callIndex, call] of message.tool_calls.entries()) {
        if (typeof call?.id !== "string" || typeof call.function?.name !== "string" || typeof call.function.arguments !== "string") {
          return `choices[${index}].message.tool_calls[${callIndex}] needs id, function.name and function.arguments (string)`;
        }
      }
    }
  }
  return undefined;
}
