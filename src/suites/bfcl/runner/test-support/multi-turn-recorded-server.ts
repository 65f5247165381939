// Test support: an OpenAI-compatible loopback that replays a model's recorded BFCL multi-turn answers, turn by turn and step by step.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A recorded entry's `result`: per turn, per step, `[{name: "<JSON args>"}]` (or a reply text). */
export type RecordedTurns = unknown[][];

interface ReceivedMultiTurnRequest {
  /** The first user message (which entry), the turn (user messages so far − 1) and the step within it. */
  key: string;
  turn: number;
  step: number;
  /** The last user message. */
  userText: string;
  /** The function names offered. */
  tools: string[];
}

export interface RecordedMultiTurnServer {
  baseURL: string;
  /** `openai-compatible:<baseURL>#<model>`. */
  modelSpec: string;
  received: ReceivedMultiTurnRequest[];
  /** First user messages of requests with no recording (answered with an empty text). */
  unanswered: string[];
  close(): Promise<void>;
}

interface ChatRequest {
  messages: Array<{ role: string; content?: string | null }>;
  tools?: Array<{ function: { name: string } }>;
}

/** One recorded entry: the user message of each turn as the run sends it, and the recorded `result`. */
export interface RecordedEntry {
  userTurns: readonly string[];
  result: RecordedTurns;
}

/**
 * At turn t, step s the server sends the recorded step's calls of the entry whose user messages so far match the
 * request's; once a turn's recorded steps are used up it replies with text, which ends the turn as it ended there.
 * Matching on every user message so far, not just the first, tells apart entries that open with the same request.
 */
export async function startRecordedMultiTurnServer(entries: readonly RecordedEntry[], model: string): Promise<RecordedMultiTurnServer> {
  const turnsByConversation = new Map<string, unknown[]>();
  for (const entry of entries) {
    entry.userTurns.forEach((_text, turn) => turnsByConversation.set(JSON.stringify(entry.userTurns.slice(0, turn + 1)), entry.result[turn] ?? []));
  }
  const received: ReceivedMultiTurnRequest[] = [];
  const unanswered: string[] = [];
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
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
      const users = body.messages.flatMap((message, index) => (message.role === "user" ? [index] : []));
      const key = body.messages[users[0] ?? 0]?.content ?? "";
      const lastUser = users.at(-1) ?? 0;
      const turn = users.length - 1;
      const step = body.messages.slice(lastUser + 1).filter((message) => message.role === "assistant").length;
      received.push({ key, turn, step, userText: body.messages[lastUser]?.content ?? "", tools: (body.tools ?? []).map((tool) => tool.function.name) });
      const recordedTurn = turnsByConversation.get(JSON.stringify(users.map((index) => body.messages[index]?.content ?? "")));
      if (!recordedTurn) unanswered.push(key);
      const recordedStep = recordedTurn?.[step];
      const calls = Array.isArray(recordedStep)
        ? (recordedStep as Array<Record<string, unknown>>).flatMap((item) =>
            Object.entries(item).map(([name, args]) => ({ id: `call_${++callIds}`, type: "function", function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) } })),
          )
        : [];
      const text = typeof recordedStep === "string" ? recordedStep : calls.length === 0 ? "" : null;
      send(200, {
        id: "chatcmpl-recorded",
        object: "chat.completion",
        created: 1_700_000_000,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) }, finish_reason: calls.length > 0 ? "tool_calls" : "stop" }],
        usage: { prompt_tokens: 100 + step, completion_tokens: 10 * calls.length, total_tokens: 100 + step + 10 * calls.length },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v1`;
  return {
    baseURL,
    modelSpec: `openai-compatible:${baseURL}#${model}`,
    received,
    unanswered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
