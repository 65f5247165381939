// A model adapter that replays given responses in order: for testing the gate and the loop, never a default.
import { emptyUsage, type ProposedCall } from "../record/index.js";
import type { ModelAdapter, ModelRequest, ModelResponse } from "./types.js";

export type ScriptedTurn =
  | string
  | { text?: string; toolCalls?: Array<Omit<ProposedCall, "id"> & { id?: string }>; delayMs?: number }
  | ((request: ModelRequest) => ModelResponse | Promise<ModelResponse>);

export interface ScriptedModel extends ModelAdapter {
  /** Every request the model received, for assertions. */
  readonly requests: ModelRequest[];
}

export function scriptedModel(turns: ScriptedTurn[], id = "scripted"): ScriptedModel {
  const requests: ModelRequest[] = [];
  let next = 0;
  return {
    id,
    requests,
    async generate(request) {
      requests.push(request);
      const turn = turns[next++];
      if (turn === undefined) throw new Error(`scripted model ran out of turns after ${turns.length}`);
      if (typeof turn === "function") return turn(request);
      if (typeof turn === "string") return { text: turn, toolCalls: [], usage: emptyUsage(), finishReason: "stop" };
      if (turn.delayMs) await sleep(turn.delayMs, request.signal);
      const toolCalls = (turn.toolCalls ?? []).map((call, index) => ({ ...call, id: call.id ?? `call_${next}_${index}` }));
      return {
        text: turn.text ?? "",
        toolCalls,
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        finishReason: toolCalls.length > 0 ? "tool-calls" : "stop",
      };
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
