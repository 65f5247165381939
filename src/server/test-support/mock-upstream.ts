// A loopback OpenAI-compatible upstream for gateway tests: each request is answered by a script (JSON or SSE chunks).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type UpstreamReply =
  | { json: unknown; status?: number; delayMs?: number }
  | { raw: string; status?: number }
  /** SSE: each string is sent as one `data:` event (objects are JSON-encoded); `done` adds `data: [DONE]`. */
  | { events: unknown[]; done?: boolean; hangUp?: boolean; delayMs?: number };

export interface MockUpstream {
  baseUrl: string;
  /** Every request body received, in order. */
  requests: Array<Record<string, unknown>>;
  /** How many upstream requests were aborted by their client before the reply finished. */
  aborted: number;
  close(): Promise<void>;
}

export async function startMockUpstream(script: (body: Record<string, unknown>, index: number) => UpstreamReply): Promise<MockUpstream> {
  const state = { requests: [] as Array<Record<string, unknown>>, aborted: 0 };
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", async () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      state.requests.push(body);
      const reply = script(body, state.requests.length - 1);
      let finished = false;
      response.on("close", () => {
        if (!finished) state.aborted++;
      });
      if ("delayMs" in reply && reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if ("json" in reply) {
        response.writeHead(reply.status ?? 200, { "content-type": "application/json" });
        finished = true;
        response.end(JSON.stringify(reply.json));
      } else if ("raw" in reply) {
        response.writeHead(reply.status ?? 200, { "content-type": "application/json" });
        finished = true;
        response.end(reply.raw);
      } else {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.flushHeaders();
        for (const event of reply.events) {
          if (response.destroyed) return;
          response.write(`data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`);
          if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        }
        if (reply.hangUp) {
          // Let the written events reach the gateway before the connection drops.
          await new Promise((resolve) => setTimeout(resolve, 30));
          finished = true;
          response.destroy();
          return;
        }
        if (reply.done !== false) response.write("data: [DONE]\n\n");
        finished = true;
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: state.requests,
    get aborted() {
      return state.aborted;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A chat completion proposing the given tool calls (or answering with text when none). */
export function completionWith(calls: Array<{ id: string; name: string; arguments: string }>, content: string | null = null): unknown {
  return {
    id: "chatcmpl-mock",
    object: "chat.completion",
    created: 1_800_000_000,
    model: "mock-model",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, ...(calls.length > 0 ? { tool_calls: calls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } })) } : {}) },
        finish_reason: calls.length > 0 ? "tool_calls" : "stop",
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}
