// The CLI's approver: asks on the terminal before a privileged call runs, and declines when nobody can answer.
import type { Approver } from "../policy/index.js";
import { approverFrom } from "../policy/index.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import type { LineReader } from "./line-reader.js";

const maxShownArguments = 300;

/**
 * On a TTY the question goes to stdout and the answer comes from `reader()` (created on first use, so a one-shot run
 * only opens stdin when it has something to ask). Without a TTY there is no person to ask, and piped input is the
 * conversation, not consent, so every approval is declined and the terminal says why.
 */
export function terminalApprover(io: CliIo, reader: () => LineReader): Approver {
  if (io.stdin.isTTY !== true) {
    return approverFrom("non-interactive stdin", (request) => {
      writeLine(io.stderr, `toolgate: declined ${request.toolName}: it needs approval, and stdin is not a TTY (run in an interactive terminal to approve it)`);
      return false;
    });
  }
  // Calls of one step run concurrently; questions are asked one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  return approverFrom("terminal", (request, signal) => {
    const ask = async () => {
      const shown = JSON.stringify(request.arguments);
      const args = shown.length > maxShownArguments ? `${shown.slice(0, maxShownArguments - 1)}…` : shown;
      const answer = await reader().read({ prompt: `Approve ${request.toolName} ${args}? [y/N] `, signal });
      return answer !== undefined && /^\s*y(es)?\s*$/i.test(answer);
    };
    const result = queue.then(ask, ask);
    queue = result.catch(() => undefined);
    return result;
  });
}
