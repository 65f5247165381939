// Test support: a model that answers each request from the conversation so far, so cases can run concurrently in any order.
import type { ChatMessage } from "../../../record/index.js";
import type { ModelAdapter, ModelRequest, ModelResponse } from "../../../model/index.js";

export interface Answer {
  text?: string;
  toolCalls?: Array<{ name: string; arguments: string | Record<string, unknown> }>;
}

export interface AnsweringModel extends ModelAdapter {
  readonly requests: ModelRequest[];
}

/** `answer` sees the first user message, the number of model steps so far in the turn, and the whole request. */
export function answeringModel(answer: (prompt: string, context: { step: number; request: ModelRequest; lastTool?: ChatMessage }) => Answer | Error, id = "answering"): AnsweringModel {
  const requests: ModelRequest[] = [];
  let ids = 0;
  return {
    id,
    requests,
    async generate(request): Promise<ModelResponse> {
      requests.push(request);
      const users = request.messages.filter((message) => message.role === "user");
      const lastUser = request.messages.lastIndexOf(users.at(-1) as ChatMessage);
      const step = request.messages.slice(lastUser).filter((message) => message.role === "assistant").length;
      const tools = request.messages.filter((message) => message.role === "tool");
      const reply = answer(users.at(-1)?.content ?? "", { step, request, lastTool: tools.at(-1) });
      if (reply instanceof Error) throw reply;
      const toolCalls = (reply.toolCalls ?? []).map((call) => ({
        id: `call_${++ids}`,
        name: call.name,
        arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
      }));
      return { text: reply.text ?? "", toolCalls, usage: { inputTokens: 100, outputTokens: 10, totalTokens: 110 }, finishReason: toolCalls.length > 0 ? "tool-calls" : "stop" };
    },
  };
}
