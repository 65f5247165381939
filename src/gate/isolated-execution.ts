// Runs one tool call in its own worker thread, so a timeout is hard: terminating the worker stops even a synchronous busy loop.
import { createRequire } from "node:module";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { IsolatedCall, IsolatedOutcome } from "./isolated-call.js";
import { isolatedCallMessage, loadIsolatedToolSource, superviseIsolatedCall } from "./isolated-call.js";
import { runInChildProcess } from "./isolated-process.js";

/**
 * Tools run in isolation are loaded afresh in each worker from a module, as `--tools` modules are: it exports `tools`,
 * an array of tool definitions (`.ts` through tsx, or `.js`/`.mjs`). A closure cannot cross a thread, so the module is
 * how the worker finds the same tool; state the tool needs lives outside the process (a database file, a service).
 */
export interface IsolationOptions {
  /** Path or file: URL of the module exporting `tools`. */
  module: string;
  /** Tools (canonical names) that run isolated; default every tool the module exports. */
  tools?: readonly string[];
  /** A worker thread (default; terminated at the timeout) or a child process (killed at the timeout; its own memory and native state). */
  mode?: "worker" | "process";
}

export type { IsolatedCall, IsolatedOutcome } from "./isolated-call.js";

const loadTimeoutMs = 15_000;
const tsxApi = createRequire(import.meta.url).resolve("tsx/esm/api");

// Plain JavaScript evaluated in the worker, so it runs the same from src/ under a test runner and from dist/.
const workerSource = `${loadIsolatedToolSource}
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { tool, context } = await loadIsolatedTool(workerData, (message) => parentPort.postMessage(message));
  parentPort.postMessage({ kind: "ready" });
  const value = await tool.execute(workerData.call.args, context);
  parentPort.postMessage({ kind: "value", value });
})().catch((error) => {
  parentPort.postMessage({ kind: "error", error: { name: (error && error.name) || "Error", message: String((error && error.message) || error) } });
});
`;

export function isolatedTools(options: IsolationOptions): (toolName: string) => boolean {
  if (options.tools === undefined) return () => true;
  const names = new Set(options.tools);
  return (toolName) => names.has(toolName);
}

/** Starts a worker for the call and settles when it answers, or terminates it at the timeout or when the run is cancelled. */
export function runIsolated(options: IsolationOptions, call: IsolatedCall): Promise<IsolatedOutcome> {
  const moduleUrl = options.module.startsWith("file:") ? options.module : pathToFileURL(isAbsolute(options.module) ? options.module : resolve(options.module)).href;
  if (options.mode === "process") {
    const message = {
      moduleUrl,
      isTypeScript: /\.[cm]?tsx?$/.test(moduleUrl),
      tsxApiUrl: pathToFileURL(tsxApi).href,
      call: isolatedCallMessage(call),
    };
    return runInChildProcess(message, call, loadTimeoutMs, options.module);
  }
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      moduleUrl,
      isTypeScript: /\.[cm]?tsx?$/.test(moduleUrl),
      tsxApiUrl: pathToFileURL(tsxApi).href,
      call: isolatedCallMessage(call),
    },
  });
  return superviseIsolatedCall(call, loadTimeoutMs, {
    loadTimeoutMessage: `the isolated worker did not load ${options.module} within ${loadTimeoutMs} ms`,
    start({ message, fail }) {
      worker.on("message", message);
      worker.on("error", (error) => fail({ name: error.name, message: error.message }));
      worker.on("exit", (code) => fail({ name: "WorkerExit", message: `the isolated worker exited with code ${code} before answering` }));
    },
    stop: () => void worker.terminate(),
  });
}
