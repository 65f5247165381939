// The CLI's approver: shows the call in full (steering arguments first, with their provenance) and asks before it runs; declines when nobody can answer.
import type { Approver, StoreApprovalDecision } from "../policy/index.js";
import { approvalShown, approvalView, approverFrom, fullCallText, renderApprovalView } from "../policy/index.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import type { LineReader } from "./line-reader.js";

/** Longest argument value shown inline; a longer one is cut, the cut is said, and `f` shows the whole call. */
const maxShownValueChars = 400;

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
  return {
    requestApproval(request, signal) {
      const ask = async (): Promise<StoreApprovalDecision> => {
        const view = approvalView(request);
        const rendered = renderApprovalView(view, { maxValueChars: maxShownValueChars, fullCallHint: "type f to see the call in full" });
        // The approval verdict keeps what the person saw: the call's digest, the text's digest, and the provenance.
        const shown = approvalShown(view, rendered);
        writeLine(io.stdout, `Approval needed: ${rendered.text}`);
        for (;;) {
          const answer = await reader().read({ prompt: `Approve ${view.toolName}? [y/N${rendered.complete ? "" : "/f"}] `, signal });
          if (answer !== undefined && /^\s*f(ull)?\s*$/i.test(answer)) {
            writeLine(io.stdout, fullCallText(view));
            continue;
          }
          const approved = answer !== undefined && /^\s*y(es)?\s*$/i.test(answer);
          return approved ? { approved: true, approver: "terminal", callDigest: view.callDigest, shown } : { approved: false, approver: "terminal", reason: "terminal declined the call", shown };
        }
      };
      const result = queue.then(ask, ask);
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
