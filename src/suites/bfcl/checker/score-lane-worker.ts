// Worker-thread entry: scores one lane of categories (the multi-turn ones) with its own multi-turn checker, beside the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { BfclDataError } from "./errors.js";
import { loadMultiTurnChecker } from "./multi-turn-bridge.js";
import type { LaneRequest } from "./score-lane.js";
import { scoreLane } from "./score-lane.js";

/** What the worker is started with. */
export interface LaneWorkerData {
  request: LaneRequest;
  modelName: string;
}

/** What it posts back once: the lane's outcomes, or the error that stopped it (a data error keeps its class). */
export type LaneWorkerReply =
  | { ok: true; lane: Awaited<ReturnType<typeof scoreLane>> }
  | { ok: false; dataError: boolean; message: string; stack?: string };

const { request, modelName } = workerData as LaneWorkerData;
let reply: LaneWorkerReply;
try {
  reply = { ok: true, lane: await scoreLane(request, await loadMultiTurnChecker({ modelName })) };
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  reply = { ok: false, dataError: failure instanceof BfclDataError, message: failure.message, stack: failure.stack };
}
parentPort?.postMessage(reply);
