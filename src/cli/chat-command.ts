// `toolgate chat`: an interactive session; each line is a turn, privileged calls are approved on the terminal.
import { basename } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import type { ModelAdapter } from "../model/index.js";
import type { Trace } from "../record/index.js";
import type { RuntimeFlags } from "./cli-runtime.js";
import { openCliRuntime } from "./cli-runtime.js";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { formatTurnSummary } from "./format-trace.js";
import { createLineReader } from "./line-reader.js";
import { addSharedOptions } from "./shared-options.js";
import { terminalApprover } from "./terminal-approver.js";

const prompt = "you> ";

export function registerChatCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const command = program.command("chat").description("talk to the agent; /trace shows the last turn's Trace, /exit (or Ctrl-D) quits");
  addSharedOptions(command).action(async (options: RuntimeFlags) => {
    done(await chat(options, io));
  });
}

async function chat(options: RuntimeFlags, io: CliIo): Promise<number> {
  const runtime = await openCliRuntime(options, io, "chat");
  const interactive = io.stdin.isTTY === true;
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: interactive });
  const reader = createLineReader(rl, { showPrompt: interactive });
  const session = runtime.session({ approver: terminalApprover(io, () => reader) });

  // Ctrl-C: the first aborts the running turn (or, at the prompt, says how to leave); a second in a row exits.
  let turn: AbortController | undefined;
  let interrupts = 0;
  let exiting = false;
  rl.on("SIGINT", () => {
    interrupts += 1;
    if (interrupts >= 2) {
      exiting = true;
      turn?.abort();
      rl.close();
      return;
    }
    if (turn) {
      turn.abort();
      writeLine(io.stdout, "\n(aborting this turn; press Ctrl-C again to exit)");
    } else {
      writeLine(io.stdout, "\n(press Ctrl-C again, type /exit or press Ctrl-D to exit)");
      rl.prompt();
    }
  });

  writeLine(io.stdout, `toolgate chat · model ${describeModel(runtime.model)} · ${runtime.tools.tools.length} tools from ${runtime.toolsSource}`);
  writeLine(io.stdout, "Type a message; /trace prints the last turn's trace as JSON, /exit quits.");
  writeLine(io.stdout, runtime.auditUrl ? `Each turn is recorded in ${runtime.auditUrl}; \`toolgate audit show <trace>\` shows one.` : "Turns are not recorded (--no-audit).");
  let last: Trace | undefined;
  try {
    while (!exiting) {
      const line = await reader.read({ prompt });
      if (line === undefined || exiting) break;
      interrupts = 0;
      const text = line.trim();
      if (text === "") continue;
      if (text === "/exit" || text === "/quit") break;
      if (text === "/trace") {
        writeLine(io.stdout, last ? JSON.stringify(last, null, 2) : "(no turn yet)");
        continue;
      }
      if (text.startsWith("/")) {
        writeLine(io.stdout, `unknown command ${text.split(/\s/)[0]}; commands: /trace, /exit`);
        continue;
      }
      turn = new AbortController();
      try {
        last = await session.send(text, { signal: turn.signal });
      } finally {
        turn = undefined;
      }
      printTurn(last, io);
    }
  } finally {
    rl.close();
    await runtime.close();
  }
  return exitCodes.ok;
}

function printTurn(trace: Trace, io: CliIo): void {
  if (trace.stopReason === "error") {
    // The session keeps going: a failed turn is reported and the next line can retry.
    writeLine(io.stderr, `toolgate: ${trace.error?.message ?? "the turn failed"}`);
  } else if (trace.stopReason === "aborted") {
    writeLine(io.stdout, "(turn aborted)");
  } else if (trace.text.trim() !== "") {
    writeLine(io.stdout, trace.text.trim());
  }
  writeLine(io.stdout, formatTurnSummary(trace));
  writeLine(io.stdout, `trace ${trace.id}`);
}

/**
 * The model as the banner names it: its spec, the GGUF file actually loaded when the spec does not name it
 * (`llama:default` served by a mirror may be another model), and an embedded model's context size.
 */
export function describeModel(model: ModelAdapter): string {
  const path = (model as { modelPath?: unknown }).modelPath;
  const file = typeof path === "string" && !model.id.endsWith(path) ? ` (${basename(path)})` : "";
  const context = model.contextWindow ? ` · context ${model.contextWindow.contextSize} tokens` : "";
  return `${model.id}${file}${context}`;
}
