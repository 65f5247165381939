// Test support: an OpenAI-compatible loopback that answers each BFCL question with a model's recorded BFCL result.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One recorded answer: BFCL's `result` (a list of `{name: "<JSON args>"}`, or text) and its token counts. */
export interface RecordedAnswer {
  result: unknown;
  inputTokens: number;
  outputTokens: number;
}

export interface RecordedAnswersServer {
  baseURL: string;
  /** `openai-compatible:<baseURL>#<model>`. */
  modelSpec: string;
  /** Requests whose question had no recorded answer (answered with an empty text). */
  unanswered: string[];
  requests: number;
  close(): Promise<void>;
}

interface ChatRequest {
  messages: Array<{ role: string; content?: string | null }>;
  tools?: Array<{ function: { name: string } }>;
}

/** The key a question is found by: its user messages, in order. */
export function questionKey(messages: ReadonlyArray<{ role: string; content?: string | null }>): string {
  return JSON.stringify(messages.filter((message) => message.role === "user").map((message) => message.content ?? ""));
}

/**
 * `answers` maps questionKey(question's first turn) to the recorded answer. Served names are the names the request
 * offered (a recorded `math.factorial` goes back as the `math_factorial` the model was shown), as a real model would.
 */
export async function startRecordedAnswersServer(answers: ReadonlyMap<string, RecordedAnswer>, model: string): Promise<RecordedAnswersServer> {
  const state = { unanswered: [] as string[], requests: 0 };
  let callIds = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url !== "/v1/chat/completions") return send(404, { error: { message: `no route ${request.url}` } });
      state.requests += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
      const key = questionKey(body.messages);
      const answer = answers.get(key);
      if (!answer) state.unanswered.push(key);
      const offered = (body.tools ?? []).map((tool) => tool.function.name);
      const calls = Array.isArray(answer?.result)
        ? (answer.result as Array<Record<string, unknown>>).flatMap((item) =>
            Object.entries(item).map(([name, args]) => ({
              id: `call_${++callIds}`,
              type: "function",
              function: { name: servedName(name, offered), arguments: typeof args === "string" ? args : JSON.stringify(args) },
            })),
          )
        : [];
      const text = typeof answer?.result === "string" ? answer.result : calls.length === 0 ? "" : null;
      send(200, {
        id: "chatcmpl-recorded",
        object: "chat.completion",
        created: 1_700_000_000,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) }, finish_reason: calls.length > 0 ? "tool_calls" : "stop" }],
        usage: { prompt_tokens: answer?.inputTokens ?? 0, completion_tokens: answer?.outputTokens ?? 0, total_tokens: (answer?.inputTokens ?? 0) + (answer?.outputTokens ?? 0) },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v1`;
  return {
    baseURL,
    modelSpec: `openai-compatible:${baseURL}#${model}`,
    get unanswered() {
      return state.unanswered;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The offered name the recorded one was shown as: itself, or its provider-safe form (`.` → `_`). */
function servedName(recorded: string, offered: readonly string[]): string {
  if (offered.includes(recorded)) return recorded;
  const safe = recorded.replace(/[^a-zA-Z0-9_-]/g, "_");
  return offered.includes(safe) ? safe : recorded;
}
