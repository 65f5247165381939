// `toolgate eval …`: the evaluation command group; each subcommand registers itself from its own file.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { registerEvalCompareCommand } from "./eval-compare-command.js";
import { registerEvalRunCommand } from "./eval-run-command.js";
import { registerEvalScoreCommand } from "./eval-score-command.js";
import { registerEvalSecurityCommand } from "./eval-security-command.js";

export function registerEvalCommand(program: Command, _io: CliIo, _done: (code: number) => void): Command {
  const evalCommand = program
    .command("eval")
    .description("Evaluate function calling: score BFCL results, run suites through the gate, compare runs.");
  registerEvalRunCommand(evalCommand, _io, _done);
  registerEvalCompareCommand(evalCommand, _io, _done);
  registerEvalScoreCommand(evalCommand, _io, _done);
  registerEvalSecurityCommand(evalCommand, _io, _done);
  return evalCommand;
}
