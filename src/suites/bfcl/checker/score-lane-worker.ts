// Worker-thread entry: scores one lane of categories (usually the single-turn ones, see scoreBfclResults) beside the main thread.
import { parentPort, workerData } from "node:worker_threads";
import { runsMultiTurn } from "./categories.js";
import { BfclDataError } from "./errors.js";
import { loadMultiTurnChecker } from "./multi-turn-bridge.js";
import type { LaneRequest } from "./score-lane.js";
import { scoreLane } from "./score-lane.js";

/** What the worker is started with; without a request it waits for one as a message. */
export interface LaneWorkerData {
  request?: LaneRequest;
  modelName: string;
}

/** What it posts back once: the lane's outcomes, or the error that stopped it (a data error keeps its class). */
export type LaneWorkerReply =
  | { ok: true; lane: Awaited<ReturnType<typeof scoreLane>> }
  | { ok: false; dataError: boolean; message: string; stack?: string };

const { request: given, modelName } = workerData as LaneWorkerData;
// Started before its categories are known, the worker boots meanwhile and then waits for them.
const requested = given ? Promise.resolve(given) : new Promise<LaneRequest>((resolve) => parentPort?.once("message", resolve));
let reply: LaneWorkerReply;
try {
  const request = await requested;
  // Usually the lane is the single-turn categories (scoreBfclResults swaps lanes), which need no multi-turn checker.
  const multiTurn = request.categories.some(runsMultiTurn);
  reply = { ok: true, lane: await scoreLane(request, multiTurn ? await loadMultiTurnChecker({ modelName }) : undefined) };
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  reply = { ok: false, dataError: failure instanceof BfclDataError, message: failure.message, stack: failure.stack };
}
parentPort?.postMessage(reply);
