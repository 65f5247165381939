// The demo's trace generator: a SCRIPTED teacher behind a minimal OpenAI-compatible chat endpoint on loopback. It is
// not a model and is never evaluated: for each training request (matched by the user's text) it proposes the
// request's ground-truth call, so `toolgate run` can drive the real example catalog through the real gate, policy,
// audit trail and content capture. Requests marked as a "slip" first get a call with a misspelled argument name;
// after the gate's structured error comes back as the tool message, the teacher proposes the corrected call (the
// error-recovery rows the trace importer keeps). Anything else gets a short text answer.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface TeacherCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface TeacherScript {
  call: TeacherCall;
  /** First propose the call with its first argument's name misspelled, then the correct call after the gate's error. */
  slip?: boolean;
}

export interface TeacherServer {
  /** e.g. openai-compatible:http://127.0.0.1:40123/v1#teacher */
  modelSpec: string;
  /** Requests answered, by what the teacher did. */
  counts: { calls: number; slips: number; corrections: number; texts: number };
  close(): Promise<void>;
}

interface ChatMessage {
  role: string;
  content?: string | null;
  tool_calls?: unknown[];
}

/** A misspelled key (`customer_id` → `customer_di`): the gate rejects it as invalid_arguments. */
export function slipped(call: TeacherCall): TeacherCall {
  const entries = Object.entries(call.arguments);
  const [first, value] = entries[0] ?? ["value", ""];
  const misspelt = first.length > 2 ? `${first.slice(0, -2)}${first.at(-1)}${first.at(-2)}` : `${first}x`;
  return { name: call.name, arguments: { [misspelt]: value, ...Object.fromEntries(entries.slice(1)) } };
}

/** Starts the teacher with one script per user text (the exact text `toolgate run` is given). */
export async function startTeacher(scripts: ReadonlyMap<string, TeacherScript>): Promise<TeacherServer> {
  const counts = { calls: 0, slips: 0, corrections: 0, texts: 0 };
  let next = 0;
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "GET" && request.url?.endsWith("/models")) return reply(200, { object: "list", data: [{ id: "teacher", object: "model", owned_by: "toolgate-demo" }] });
    if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) return reply(404, { error: { message: `no route ${request.method} ${request.url}` } });
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      let messages: ChatMessage[];
      try {
        messages = (JSON.parse(body) as { messages: ChatMessage[] }).messages;
      } catch (error) {
        return reply(400, { error: { message: `request body is not JSON: ${(error as Error).message}` } });
      }
      const user = messages.find((message) => message.role === "user")?.content ?? "";
      const script = scripts.get(typeof user === "string" ? user : "");
      const calledBefore = messages.filter((message) => message.role === "assistant" && (message.tool_calls?.length ?? 0) > 0).length;
      let call: TeacherCall | undefined;
      if (script && calledBefore === 0) {
        call = script.slip ? slipped(script.call) : script.call;
        counts[script.slip ? "slips" : "calls"] += 1;
      } else if (script?.slip && calledBefore === 1) {
        call = script.call;
        counts.corrections += 1;
      }
      const id = `chatcmpl-teacher-${(next += 1)}`;
      const message = call
        ? { role: "assistant", content: null, tool_calls: [{ id: `call_t${next}`, type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] }
        : { role: "assistant", content: script ? "Done." : "I can only help with the clinic's bookings, accounts and e-mail." };
      if (!call) counts.texts += 1;
      reply(200, { id, object: "chat.completion", created: Math.floor(Date.now() / 1000), model: "teacher", choices: [{ index: 0, message, finish_reason: call ? "tool_calls" : "stop" }], usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } });
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    modelSpec: `openai-compatible:http://127.0.0.1:${port}/v1#teacher`,
    counts,
    close: () => new Promise<void>((resolveClose, reject) => server.close((error) => (error ? reject(error) : resolveClose()))),
  };
}
