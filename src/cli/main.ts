// The toolgate command line: builds the commander program for one invocation and turns every outcome into an exit code.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerApprovalsCommand } from "./approvals-command.js";
import { registerAuditCommand } from "./audit-command.js";
import { registerChatCommand } from "./chat-command.js";
import { exitCodeFor, exitCodes, reportError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { processIo, writeLine } from "./cli-io.js";
import { registerEvalCommand } from "./eval-command.js";
import { registerPolicyCommand } from "./policy-command.js";
import { registerReplayCommand } from "./replay-command.js";
import { registerToolsCommand } from "./tools-command.js";
import { registerRouteCommand } from "./route-command.js";
import { registerRunCommand } from "./run-command.js";

const usageHint = "(run `toolgate --help` for usage)";

/** Runs one invocation; never throws and never calls process.exit, so tests can drive it in-process. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (argv.length === 0) {
    writeLine(io.stderr, `toolgate: give a command: toolgate run "<prompt>" or toolgate chat ${usageHint}`);
    return exitCodes.usage;
  }
  let exitCode: number = exitCodes.ok;
  const done = (code: number) => {
    exitCode = code;
  };
  const program = new Command("toolgate")
    .description("Governed function calling: every tool call a model proposes is validated, authorised, executed and recorded.")
    .version(packageVersion(), "-V, --version")
    // Settings made before .command() are inherited by the subcommands.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`toolgate: ${text.replace(/^error: /, "")}`),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
    })
    .showHelpAfterError(usageHint);
  registerRunCommand(program, io, done);
  registerChatCommand(program, io, done);
  registerEvalCommand(program, io, done);
  registerRouteCommand(program, io, done);
  registerAuditCommand(program, io, done);
  registerReplayCommand(program, io, done);
  registerToolsCommand(program, io, done);
  registerApprovalsCommand(program, io, done);
  registerPolicyCommand(program, io, done);

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    // Commander has already printed its message; help and --version exit with 0, every parse failure is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    reportError(error, io.stderr, io.env);
    return exitCodeFor(error);
  }
}

function packageVersion(): string {
  try {
    // src/cli and dist/cli both sit two levels below the package root.
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return manifest.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}
