// Worker-thread entry: scores one lane of categories (the multi-turn ones) with its own multi-turn checker, beside the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { BfclDataError } from "./errors.js";
import { loadMultiTurnChecker } from "./multi-turn-bridge.js";
import type { LaneRequest } from "./score-lane.js";
import { scoreLane } from "./score-lane.js";

/** What the worker is started with; without a request it loads the multi-turn checker and waits for one as a message. */
export interface LaneWorkerData {
  request?: LaneRequest;
  modelName: string;
}

/** What it posts back once: the lane's outcomes, or the error that stopped it (a data error keeps its class). */
export type LaneWorkerReply =
  | { ok: true; lane: Awaited<ReturnType<typeof scoreLane>> }
  | { ok: false; dataError: boolean; message: string; stack?: string };

const { request: given, modelName } = workerData as LaneWorkerData;
// Started before its categories are known, the worker boots and loads the multi-turn runtime meanwhile.
const requested = given ? Promise.resolve(given) : new Promise<LaneRequest>((resolve) => parentPort?.once("message", resolve));
const checkerLoading = loadMultiTurnChecker({ modelName });
// A failure to load is reported once the lane has been asked for, when the thread that asked listens for the reply.
checkerLoading.catch(() => undefined);
let reply: LaneWorkerReply;
try {
  const request = await requested;
  reply = { ok: true, lane: await scoreLane(request, await checkerLoading) };
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  reply = { ok: false, dataError: failure instanceof BfclDataError, message: failure.message, stack: failure.stack };
}
parentPort?.postMessage(reply);
