// `toolgate resume <trace>`: continues a run paused for approval, with the model, tools and principal it ran with.
import type { Command } from "commander";
import type { RuntimeFlags } from "./cli-runtime.js";
import { openCliRuntime } from "./cli-runtime.js";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { formatCallsTable, formatSummary } from "./format-trace.js";
import { addSharedOptions } from "./shared-options.js";

interface ResumeFlags extends Omit<RuntimeFlags, "approvals"> {
  /** --approvals <url>: the store the run paused into (default: sqlite:<data dir>/approvals.db). */
  approvals?: string;
  json?: boolean;
  redecide?: boolean;
}

export function registerResumeCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const command = program
    .command("resume")
    .description("continue a run that paused for approval, once its calls are decided (`toolgate approvals list`)")
    .argument("<trace>", "the paused run's trace id")
    .option("--approvals <url>", "approval store: sqlite:<file> or postgres://…?schema=name (default: sqlite:<data dir>/approvals.db)")
    .option("--json", "print the continued Trace as JSON")
    .option("--redecide", "resume under a different policy or weaker defences than the run paused with: every waiting call a person did not deny goes back to a person (`toolgate approvals list`); denied calls stay denied");
  addSharedOptions(command).action(async (traceId: string, flags: ResumeFlags) => {
    done(await resume(traceId, flags, io));
  });
}

async function resume(traceId: string, flags: ResumeFlags, io: CliIo): Promise<number> {
  // A resumed run always goes through the approval store: that is where its state and its decisions are.
  const runtime = await openCliRuntime({ ...flags, approvals: flags.approvals ?? true }, io);
  try {
    const trace = await runtime.resume(traceId, flags.redecide ? { redecide: true } : {});
    if (flags.json) writeLine(io.stdout, JSON.stringify(trace, null, 2));
    else {
      if (trace.text.trim() !== "") writeLine(io.stdout, trace.text.trim());
      writeLine(io.stdout, formatCallsTable(trace.calls));
      writeLine(io.stdout, formatSummary(trace));
      if (trace.stopReason === "approval-pending") writeLine(io.stdout, `trace ${trace.id} waits for approval: \`toolgate approvals list --status pending\``);
    }
    return trace.stopReason === "error" ? exitCodes.runtime : exitCodes.ok;
  } finally {
    await runtime.close();
  }
}
