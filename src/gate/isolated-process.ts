// Runs one tool call in its own child process: a timeout kills the process (SIGKILL), so neither a busy loop nor native code outlives it.
import { spawn } from "node:child_process";
import type { ToolEffect } from "../record/index.js";
import type { IsolatedCall, IsolatedOutcome } from "./isolated-call.js";

/** What the child is sent: the module to load, how, and the call. */
export interface ChildCallMessage {
  moduleUrl: string;
  isTypeScript: boolean;
  tsxApiUrl: string;
  call: Pick<IsolatedCall, "toolName" | "args" | "callId" | "traceId" | "attempt" | "idempotencyKey">;
}

// Plain JavaScript run by `node --input-type=module -e`, so it works the same from src/ under a test runner and from dist/.
const childSource = `
process.once("message", async ({ moduleUrl, isTypeScript, tsxApiUrl, call }) => {
  const answer = (message) => new Promise((done) => process.send(message, () => done()));
  try {
    const loaded = isTypeScript ? await (await import(tsxApiUrl)).tsImport(moduleUrl, moduleUrl) : await import(moduleUrl);
    const exported = loaded.tools ?? loaded.default?.tools;
    const tool = Array.isArray(exported) ? exported.find((entry) => entry && entry.name === call.toolName) : undefined;
    if (!tool) throw new Error("the isolation module exports no tool named " + call.toolName);
    const context = {
      signal: new AbortController().signal,
      callId: call.callId,
      traceId: call.traceId,
      attempt: call.attempt,
      idempotencyKey: call.idempotencyKey,
      recordEffect: (effect) => process.send({ kind: "effect", effect }),
    };
    await answer({ kind: "ready" });
    const value = await tool.execute(call.args, context);
    await answer({ kind: "value", value });
  } catch (error) {
    await answer({ kind: "error", error: { name: (error && error.name) || "Error", message: String((error && error.message) || error) } });
  }
  process.disconnect();
});
`;

type ChildMessage = { kind: "ready" } | { kind: "effect"; effect: ToolEffect } | { kind: "value"; value: unknown } | { kind: "error"; error: { name: string; message: string } };

/**
 * Starts a Node process for the call and settles when it answers, or kills it at the timeout or when the run is
 * cancelled. The child's stdout goes to this process's stderr, so a chatty tool cannot corrupt `--json` output.
 */
export function runInChildProcess(message: ChildCallMessage, call: IsolatedCall, loadTimeoutMs: number, moduleLabel: string): Promise<IsolatedOutcome> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", childSource], { stdio: ["ignore", 2, 2, "ipc"], serialization: "advanced" });
  return new Promise<IsolatedOutcome>((settle) => {
    let settled = false;
    const finish = (outcome: IsolatedOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal.removeEventListener("abort", onAbort);
      settle(outcome);
      // Killed also after an answer: a tool that left timers or sockets behind must not keep its process alive.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    };
    // As for a worker: the tool's timeout starts once its module is loaded; loading has its own, generous deadline.
    let timer = setTimeout(() => finish({ kind: "error", error: { name: "IsolationStartError", message: `the isolated process did not load ${moduleLabel} within ${loadTimeoutMs} ms` } }), loadTimeoutMs);
    const onAbort = () => finish({ kind: "terminated", reason: "aborted" });
    if (call.signal.aborted) return onAbort();
    call.signal.addEventListener("abort", onAbort, { once: true });
    child.on("message", (received: ChildMessage) => {
      if (received.kind === "ready") {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: "terminated", reason: "timeout" }), call.timeoutMs);
        return;
      }
      if (received.kind === "effect") {
        if (!settled) call.recordEffect(received.effect);
        return;
      }
      finish(received);
    });
    child.on("error", (error) => finish({ kind: "error", error: { name: error.name, message: error.message } }));
    child.on("exit", (code, signal) => finish({ kind: "error", error: { name: "ChildExit", message: `the isolated process exited (${signal ?? `code ${code}`}) before answering` } }));
    child.send(message);
  });
}
