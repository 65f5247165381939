// Runs one tool call in its own child process: a timeout kills the process (SIGKILL), so neither a busy loop nor native code outlives it.
import { spawn } from "node:child_process";
import type { IsolatedCall, IsolatedCallMessage, IsolatedOutcome } from "./isolated-call.js";
import { loadIsolatedToolSource, superviseIsolatedCall } from "./isolated-call.js";

/** What the child is sent: the module to load, how, and the call. */
export interface ChildCallMessage {
  moduleUrl: string;
  isTypeScript: boolean;
  tsxApiUrl: string;
  call: IsolatedCallMessage;
}

// Plain JavaScript run by `node --input-type=module -e`, so it works the same from src/ under a test runner and from dist/.
const childSource = `${loadIsolatedToolSource}
process.once("message", async (message) => {
  const answer = (reply) => new Promise((done) => process.send(reply, () => done()));
  try {
    const { tool, context } = await loadIsolatedTool(message, (reply) => process.send(reply));
    await answer({ kind: "ready" });
    const value = await tool.execute(message.call.args, context);
    await answer({ kind: "value", value });
  } catch (error) {
    await answer({ kind: "error", error: { name: (error && error.name) || "Error", message: String((error && error.message) || error) } });
  }
  process.disconnect();
});
`;

/**
 * Starts a Node process for the call and settles when it answers, or kills it at the timeout or when the run is
 * cancelled. The child's stdout goes to this process's stderr, so a chatty tool cannot corrupt `--json` output.
 */
export function runInChildProcess(message: ChildCallMessage, call: IsolatedCall, loadTimeoutMs: number, moduleLabel: string): Promise<IsolatedOutcome> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", childSource], { stdio: ["ignore", 2, 2, "ipc"], serialization: "advanced" });
  return superviseIsolatedCall(call, loadTimeoutMs, {
    loadTimeoutMessage: `the isolated process did not load ${moduleLabel} within ${loadTimeoutMs} ms`,
    start({ message: onMessage, fail }) {
      child.on("message", onMessage);
      child.on("error", (error) => fail({ name: error.name, message: error.message }));
      child.on("exit", (code, signal) => fail({ name: "ChildExit", message: `the isolated process exited (${signal ?? `code ${code}`}) before answering` }));
      child.send(message);
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  });
}
