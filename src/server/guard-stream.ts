// Guard mode with `stream: true`: text deltas pass through, tool-call fragments are held, judged whole, then emitted. Fails closed.
import type { JsonValue } from "../record/index.js";
import { withheldNotice, withheldOf, modelStepEvent } from "./guard-completion.js";
import type { WithheldCall } from "./guard-completion.js";
import type { JudgeContext } from "./judge-calls.js";
import { judgeCalls } from "./judge-calls.js";
import { settleJudged } from "./held-approvals.js";
import { GatewayError } from "./openai-error.js";
import type { UpstreamSettings, UpstreamToolCall } from "./upstream.js";
import { postUpstream } from "./upstream.js";
import { defaultHeartbeatMs } from "./approval-waiter.js";
import { readSseData } from "./sse-reader.js";

export interface GuardStreamRequest {
  body: Record<string, unknown>;
  upstream: UpstreamSettings;
  judge: Omit<JudgeContext, "step">;
  signal?: AbortSignal;
  /**
   * Called once when the upstream's stream has ended and the calls are judged, before they are sent, with the failure
   * when the upstream broke (for the audit trail). If it throws, the calls are withheld.
   */
  finish(error?: GatewayError): Promise<void>;
}

interface Chunk {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices?: Array<{ index?: number; delta?: { role?: string; content?: string | null; tool_calls?: unknown[]; [key: string]: unknown }; finish_reason?: string | null }>;
  usage?: unknown;
  [key: string]: unknown;
}

type Fragment = { id?: string; name?: string; arguments: string };

export async function guardStream(request: GuardStreamRequest): Promise<Response> {
  const abort = new AbortController();
  const signal = request.signal ? AbortSignal.any([request.signal, abort.signal]) : abort.signal;
  const started = performance.now();
  // Errors before the first byte (status, timeout) are the client's ordinary OpenAI error response.
  const upstreamResponse = await postUpstream(request.upstream, { ...request.body, stream: true }, signal);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let roleSent = false;
      // OpenAI clients expect the first delta to name the role; the held calls may be the first thing sent.
      const send = (data: Chunk) => {
        const delta = data.choices?.[0]?.delta;
        if (delta && !roleSent) {
          if (delta.role === undefined) delta.role = "assistant";
          roleSent = true;
        }
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(data)}\n\n`));
      };
      let envelope: Pick<Chunk, "id" | "object" | "created" | "model"> = { object: "chat.completion.chunk" };
      const fragments: Fragment[] = [];
      let finishReason: string | undefined;
      let usageChunk: Chunk | undefined;
      let broken: string | undefined;
      let sawDone = false;
      let failure: GatewayError | undefined;
      try {
        for await (const data of readSseData(upstreamResponse.body!)) {
          if (data === "[DONE]") {
            sawDone = true;
            break;
          }
          let chunk: Chunk;
          try {
            chunk = JSON.parse(data) as Chunk;
          } catch {
            broken = "the upstream sent a stream event that is not JSON";
            break;
          }
          envelope = { id: chunk.id, object: chunk.object ?? "chat.completion.chunk", created: chunk.created, model: chunk.model };
          if (chunk.usage && (chunk.choices ?? []).length === 0) {
            usageChunk = chunk;
            continue;
          }
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const delta = choice.delta ?? {};
          if (delta.tool_calls !== undefined) {
            broken = collectFragments(fragments, delta.tool_calls);
            if (broken) break;
          }
          if (choice.finish_reason) finishReason = choice.finish_reason;
          const { tool_calls: _held, ...passed } = delta;
          // Text and role pass through as they come; the finish waits until the held calls are judged.
          if (passed.content || passed.role) send({ ...chunk, choices: [{ index: 0, delta: passed, finish_reason: null }], usage: undefined });
          if (chunk.usage) usageChunk = { ...envelope, choices: [], usage: chunk.usage };
        }
        if (!broken && !sawDone && finishReason === undefined) broken = "the upstream stream ended before the completion finished";
        if (!broken && fragments.some((fragment) => fragment === undefined || !fragment.id || !fragment.name)) broken = "a streamed tool call arrived without its id or name";
      } catch (error) {
        broken = signal.aborted ? "the client went away" : `the upstream stream failed: ${(error as Error).message}`;
      }

      let withheld: WithheldCall[] = [];
      let allowed: UpstreamToolCall[] = [];
      const calls: UpstreamToolCall[] = broken ? [] : fragments.map((fragment) => ({ id: fragment.id!, type: "function", function: { name: fragment.name!, arguments: fragment.arguments } }));
      request.judge.events.push(
        modelStepEvent(request.judge.traceId, 0, { model: envelope.model, choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: calls }, finish_reason: finishReason ?? null }], ...(usageChunk?.usage ? { usage: usageChunk.usage as Record<string, unknown> } : {}) }, performance.now() - started),
      );
      if (broken) {
        // Fail closed: fragments of calls that could not be reassembled or judged never reach the client.
        failure = new GatewayError(502, "upstream_error", "upstream_stream_broken", broken);
        withheld = fragments.filter(Boolean).map((fragment) => ({ id: fragment.id ?? "", name: fragment.name ?? "", kind: "invalid", code: "stream_broken", message: broken! }));
      } else if (calls.length > 0) {
        // Held for a person: SSE comments (ignored by clients) keep the idle stream alive through proxies.
        const hold = request.judge.hold;
        const beat = hold && hold.holdMs > 0 ? setInterval(() => {
                try {
                  controller.enqueue(encoder.encode(": toolgate: holding for approval\n\n"));
                } catch {
                  // The client is gone; the hold ends with its signal.
                }
              }, hold.heartbeatMs ?? defaultHeartbeatMs) : undefined;
        let judged;
        try {
          judged = await settleJudged(await judgeCalls(calls, { ...request.judge, step: 0 }), request.judge, signal);
        } finally {
          clearInterval(beat);
        }
        allowed = judged.filter((entry) => entry.kind === "allow").map((entry) => entry.call);
        withheld = withheldOf(judged);
      }
      // Recorded (durably) before the judged calls and the finish go out: a call the client receives is in the audit trail.
      let unrecorded: string | undefined;
      try {
        await request.finish(failure);
      } catch (error) {
        unrecorded = `toolgate could not record this response, so it withholds its tool calls: ${(error as Error).message}`;
        withheld = [...withheld, ...allowed.map((call): WithheldCall => ({ id: call.id, name: call.function.name, kind: "invalid", code: "audit_failed", message: unrecorded! }))];
        allowed = [];
      }
      try {
        allowed.forEach((call, index) => {
          send({ ...envelope, choices: [{ index: 0, delta: { tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }, finish_reason: null }] });
          send({ ...envelope, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: call.function.arguments } }] }, finish_reason: null }] });
        });
        const notice = unrecorded ?? (broken ? `toolgate stopped the response: ${broken}` : withheld.length > 0 && allowed.length === 0 ? withheldNotice(withheld) : "");
        if (notice) send({ ...envelope, choices: [{ index: 0, delta: { content: notice }, finish_reason: null }] });
        const finish = allowed.length > 0 ? "tool_calls" : calls.length > 0 || broken ? "stop" : (finishReason ?? "stop");
        const extension = withheld.length > 0 || broken ? { toolgate: { withheld: withheld as unknown as JsonValue, ...(broken ? { stream_error: broken } : {}) } } : {};
        send({ ...envelope, choices: [{ index: 0, delta: {}, finish_reason: finish }], ...extension });
        if (usageChunk) controller.enqueue(encoder.encode(`data: ${JSON.stringify({ ...envelope, choices: [], usage: usageChunk.usage })}\n\n`));
        controller.enqueue(encoder.encode("data: [DONE]\n\n"));
        controller.close();
      } catch {
        // The client is gone; nothing more to send.
      }
    },
    cancel() {
      abort.abort(new Error("the client disconnected"));
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" } });
}

/** Adds streamed tool-call fragments by index; returns why they cannot be reassembled, if they cannot. */
function collectFragments(fragments: Fragment[], deltas: unknown[]): string | undefined {
  if (!Array.isArray(deltas)) return "tool_calls in a stream delta must be an array";
  for (const delta of deltas as Array<{ index?: unknown; id?: unknown; function?: { name?: unknown; arguments?: unknown } }>) {
    if (typeof delta?.index !== "number" || !Number.isInteger(delta.index) || delta.index < 0 || delta.index > 127) return "a streamed tool call fragment has no valid index";
    const fragment = (fragments[delta.index] ??= { arguments: "" });
    if (typeof delta.id === "string") {
      if (fragment.id !== undefined && fragment.id !== delta.id) return `tool call ${delta.index} changed its id mid-stream`;
      fragment.id = delta.id;
    }
    if (typeof delta.function?.name === "string") fragment.name = (fragment.name ?? "") + delta.function.name;
    if (delta.function?.arguments !== undefined) {
      if (typeof delta.function.arguments !== "string") return `tool call ${delta.index}'s arguments fragment is not a string`;
      fragment.arguments += delta.function.arguments;
    }
  }
  return undefined;
}
