// A loopback OpenAI-compatible chat-completions server for CLI tests: scripted replies, every request recorded.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

interface ScriptedToolCall {
  name: string;
  arguments: string | Record<string, unknown>;
}

/** One reply: a final text, tool calls (with optional text), or a raw HTTP error. */
type ScriptedReply =
  | { text: string; toolCalls?: ScriptedToolCall[]; delayMs?: number }
  | { toolCalls: ScriptedToolCall[]; text?: string; delayMs?: number }
  | { status: number; error: string };

interface ReceivedChatRequest {
  path: string;
  body: {
    model: string;
    messages: Array<{ role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string }>;
    tools?: Array<{ type: string; function: { name: string } }>;
  };
}

export interface OpenAiLoopback {
  /** For `--model openai-compatible:<baseURL>#test-model`. */
  baseURL: string;
  modelSpec: string;
  received: ReceivedChatRequest[];
  /** Replies in order; once used up, every request gets `fallback`. */
  script(replies: ScriptedReply[], fallback?: ScriptedReply): void;
  close(): Promise<void>;
}

export async function startOpenAiLoopback(): Promise<OpenAiLoopback> {
  let replies: ScriptedReply[] = [];
  let fallback: ScriptedReply = { text: "(script exhausted)" };
  let served = 0;
  let callIds = 0;
  const received: ReceivedChatRequest[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const send = (status: number, body: unknown) => {
        if (response.destroyed) return;
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url !== "/v1/chat/completions") return send(404, { error: { message: `no route ${request.url}` } });
      received.push({ path: request.url, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedChatRequest["body"] });
      const reply = replies[served] ?? fallback;
      served += 1;
      if ("status" in reply) return send(reply.status, { error: { message: reply.error, type: "invalid_request_error" } });
      const body = completion(reply, () => `call_${++callIds}`);
      if (reply.delayMs) setTimeout(() => send(200, body), reply.delayMs);
      else send(200, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v1`;
  return {
    baseURL,
    modelSpec: `openai-compatible:${baseURL}#test-model`,
    received,
    script(next, nextFallback) {
      replies = next;
      served = 0;
      if (nextFallback) fallback = nextFallback;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(reply: Exclude<ScriptedReply, { status: number }>, nextId: () => string) {
  const toolCalls = reply.toolCalls ?? [];
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.text ?? null,
          ...(toolCalls.length > 0
            ? {
                tool_calls: toolCalls.map((call) => ({
                  id: nextId(),
                  type: "function",
                  function: { name: call.name, arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments) },
                })),
              }
            : {}),
        },
        finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop",
      },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
  };
}
