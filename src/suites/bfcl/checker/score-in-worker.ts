// Runs one lane of a BFCL run in a worker thread, so the multi-turn simulation and the single-turn checks use both cores.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { BfclDataError } from "./errors.js";
import type { LaneCategory, LaneRequest } from "./score-lane.js";
import type { LaneWorkerData, LaneWorkerReply } from "./score-lane-worker.js";

/**
 * The worker's module beside this one: `.js` in the built package. Running from TypeScript sources (tests, tsx), the
 * worker registers tsx first, since a worker thread does not inherit the parent's module hooks.
 */
function startWorker(workerData: LaneWorkerData): Worker {
  const built = new URL("./score-lane-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  const source = new URL("./score-lane-worker.ts", import.meta.url);
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Scores the lane's categories in order in a worker thread; a data error arrives as a BfclDataError, as in-thread. */
export function scoreLaneInWorker(request: LaneRequest, modelName: string): Promise<LaneCategory[]> {
  return laneReply(startWorker({ request, modelName }), request);
}

/** A worker started before its lane is known: `score` hands it the lane, `stop` ends it unused. */
export interface EarlyLaneWorker {
  score(request: LaneRequest): Promise<LaneCategory[]>;
  stop(): void;
}

/**
 * Starts a worker now and gives it its lane later: a worker thread takes ~0.13 s to boot, which then overlaps this
 * thread's planning instead of following it.
 */
export function startLaneWorkerEarly(modelName: string): EarlyLaneWorker {
  const worker = startWorker({ modelName });
  // Heard from the start, so an error or an exit before `score` listens is neither unhandled nor missed.
  const ended = new Promise<Error>((resolve) => {
    worker.once("error", resolve);
    worker.once("exit", (code) => resolve(new Error(`BFCL scoring worker exited with code ${code} before it reported`)));
  });
  return {
    score(request) {
      const reply = laneReply(worker, request);
      worker.postMessage(request);
      // The reply arrives before the worker's exit; an ending without one rejects.
      return Promise.race([reply, ended.then((error) => Promise.reject(error))]);
    },
    stop() {
      void worker.terminate();
    },
  };
}

function laneReply(worker: Worker, request: LaneRequest): Promise<LaneCategory[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once("message", (reply: LaneWorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.lane);
      else {
        const error = reply.dataError ? new BfclDataError(reply.message) : new Error(`BFCL scoring worker failed: ${reply.message}`);
        if (reply.stack && !reply.dataError) error.stack = reply.stack;
        reject(error);
      }
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`BFCL scoring worker exited with code ${code} before it reported (${request.categories.join(", ")})`));
    });
  });
}
