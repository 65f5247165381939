// `toolgate run "<prompt>"`: one agent run, then the answer, the calls table and a summary (or the Trace as JSON).
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import type { RuntimeFlags } from "./cli-runtime.js";
import { openCliRuntime } from "./cli-runtime.js";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { formatCallsTable, formatSummary } from "./format-trace.js";
import type { LineReader } from "./line-reader.js";
import { createLineReader } from "./line-reader.js";
import { addSharedOptions } from "./shared-options.js";
import { terminalApprover } from "./terminal-approver.js";

interface RunOptions extends RuntimeFlags {
  json?: boolean;
}

/** Adds `run` to the program; the action reports its exit code through `done`. */
export function registerRunCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const command = program
    .command("run")
    .description("run one prompt through the agent loop and show the answer and every gated call")
    .argument("<prompt>", "what to ask the model")
    .option("--json", "print the whole Trace as JSON (nothing else on stdout)")
    .option(
      "--approvals [url]",
      "instead of asking on the terminal, save calls needing approval to this store (default: sqlite:<data dir>/approvals.db) and pause; decide with `toolgate approvals`, continue with `toolgate resume <trace>`",
    );
  addSharedOptions(command).action(async (prompt: string, options: RunOptions) => {
    done(await run(prompt, options, io));
  });
}

async function run(prompt: string, options: RunOptions, io: CliIo): Promise<number> {
  const runtime = await openCliRuntime(options, io, "run");
  // Opened only if a privileged call needs a yes/no, so a plain run never holds stdin open.
  let rl: ReturnType<typeof createInterface> | undefined;
  let reader: LineReader | undefined;
  const controller = new AbortController();
  const terminal = terminalApprover(io, () => {
    if (!rl) {
      rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true });
      // The terminal is in raw mode while it waits for an answer, so Ctrl-C arrives here instead of as a signal.
      rl.on("SIGINT", () => controller.abort());
    }
    reader ??= createLineReader(rl, { showPrompt: true });
    return reader;
  });
  try {
    // With --approvals the runtime parks calls needing approval in the store; otherwise a person answers here.
    const trace = await runtime.run(prompt, { approver: terminal, signal: controller.signal });
    if (options.json) {
      writeLine(io.stdout, JSON.stringify(trace, null, 2));
    } else {
      if (trace.text.trim() !== "") writeLine(io.stdout, trace.text.trim());
      writeLine(io.stdout);
      writeLine(io.stdout, trace.calls.length > 0 ? formatCallsTable(trace.calls) : "(no tool calls)");
      writeLine(io.stdout);
      writeLine(io.stdout, formatSummary(trace));
      writeLine(io.stdout, runtime.auditUrl ? `trace ${trace.id} · recorded in ${runtime.auditUrl} · toolgate audit show ${trace.id}${storeArgumentsOf(options, runtime.auditUrl)}` : `trace ${trace.id} (not recorded: --no-audit)`);
      if (trace.stopReason === "approval-pending") writeLine(io.stdout, `trace ${trace.id} waits for approval in ${runtime.approvals?.url ?? "the approval store"}: \`toolgate approvals list --status pending\`, then \`toolgate resume ${trace.id}\``);
    }
    if (trace.stopReason === "error") {
      // The loop caught the failure and kept only its message (ModelError messages name the fix).
      writeLine(io.stderr, `toolgate: ${trace.error?.message ?? "the run failed"}`);
      return exitCodes.runtime;
    }
    if (trace.stopReason === "max-steps" && !options.json) {
      writeLine(io.stderr, `toolgate: stopped after ${runtime.maxSteps} steps with calls still pending; raise --max-steps to let it continue`);
    }
    return trace.stopReason === "aborted" ? exitCodes.interrupted : exitCodes.ok;
  } finally {
    rl?.close();
    await runtime.close();
  }
}

/** The flags `audit show` needs to find the same store again: the suggestion must work when pasted. */
function storeArgumentsOf(options: RunOptions, auditUrl: string): string {
  if (typeof options.audit === "string") return ` --audit '${auditUrl}'`;
  if (options.dataDir !== undefined) return ` --data-dir '${options.dataDir}'`;
  return "";
}
