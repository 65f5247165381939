// The upstream model as an OpenAI-compatible HTTP endpoint: one request, its faults mapped to OpenAI-style gateway errors.
import http from "node:http";
import https from "node:https";
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

interface UpstreamMessage {
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
  if (!response.ok) throw statusError(response.status, await response.text().catch(() => ""));
  return response;
}

function statusError(status: number, text: string): GatewayError {
  const detail = upstreamMessage(text) ?? `HTTP ${status}`;
  // A 4xx is about the request (the client can fix it), a 5xx is the upstream's own fault.
  if (status === 429) return new GatewayError(429, "rate_limit_error", "upstream_rate_limited", `the upstream model is rate limited: ${detail}`);
  if (status >= 400 && status < 500) return new GatewayError(400, "invalid_request_error", "upstream_rejected", `the upstream model rejected the request (HTTP ${status}): ${detail}`);
  return new GatewayError(502, "upstream_error", "upstream_failed", `the upstream model failed (HTTP ${status}): ${detail}`);
}

/**
 * Keep-alive connections to the upstream, one pool per protocol: a non-streaming completion goes over node:http rather
 * than fetch, whose web streams cost more per request than the rest of the gateway's own work.
 */
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 512, scheduling: "lifo" }), https: new https.Agent({ keepAlive: true, maxSockets: 512, scheduling: "lifo" }) };

/** The completion endpoint's URL, parsed once per base URL. */
const endpoints = new Map<string, URL>();
function endpointOf(baseUrl: string): URL {
  let url = endpoints.get(baseUrl);
  if (url === undefined) {
    url = new URL(`${baseUrl.replace(/\/$/, "")}/chat/completions`);
    if (endpoints.size >= 64) endpoints.clear();
    endpoints.set(baseUrl, url);
  }
  return url;
}

/** POSTs `text` (JSON) and resolves to the status and the whole response body; timeouts and aborts as postUpstream maps them. */
function exchange(settings: UpstreamSettings, text: string, clientSignal: AbortSignal | undefined): Promise<{ status: number; body: string }> {
  const timeoutMs = settings.timeoutMs ?? 60_000;
  const url = endpointOf(settings.baseUrl);
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    if (clientSignal?.aborted) return reject(clientSignal.reason);
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", "content-length": Buffer.byteLength(text) };
    if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
    let settled = false;
    const finish = (error: unknown, result?: { status: number; body: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clientSignal?.removeEventListener("abort", onAbort);
      if (error === undefined) resolve(result!);
      else reject(error);
    };
    const request = (secure ? https : http).request(
      { protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: "POST", headers, agent: secure ? agents.https : agents.http },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => finish(undefined, { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", (error) => finish(unreachable(error)));
        response.on("aborted", () => finish(unreachable(new Error("the response was cut off"))));
      },
    );
    const timer = setTimeout(() => {
      finish(new GatewayError(504, "upstream_error", "upstream_timeout", `the upstream model did not answer within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish(clientSignal!.reason);
      request.destroy();
    };
    clientSignal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => finish(unreachable(error)));
    request.end(text);
  });
}

const unreachable = (error: Error) => new GatewayError(502, "upstream_error", "upstream_unreachable", `the upstream model could not be reached: ${error.message}`);

/** A non-streaming completion. `text` is the request as JSON when the caller already has it (the client's own bytes). */
export async function completeUpstream(settings: UpstreamSettings, body: unknown, clientSignal?: AbortSignal, text?: string): Promise<UpstreamCompletion> {
  const { status, body: responseText } = await exchange(settings, text ?? JSON.stringify(body), clientSignal);
  if (status < 200 || status >= 300) throw statusError(status, responseText);
  let parsed: unknown;
  try {
    parsed = JSON.parse(responseText);
  } catch {
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
