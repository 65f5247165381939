// `toolgate eval …`: the evaluation command group; each subcommand registers itself from its own file.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";

type RegisterSubcommand = (evalCommand: Command, io: CliIo, done: (code: number) => void) => void;

/**
 * Each subcommand's module, loaded only when it is the one named: `eval score` needs the BFCL checker alone, while
 * `eval run` and `eval security` pull in every suite, the runtime and the model adapters (over a second of CPU).
 */
const subcommands: ReadonlyArray<[name: string, load: () => Promise<RegisterSubcommand>]> = [
  ["run", async () => (await import("./eval-run-command.js")).registerEvalRunCommand],
  ["compare", async () => (await import("./eval-compare-command.js")).registerEvalCompareCommand],
  ["score", async () => (await import("./eval-score-command.js")).registerEvalScoreCommand],
  ["security", async () => (await import("./eval-security-command.js")).registerEvalSecurityCommand],
];

/** Registers the subcommand named after `eval` on the line, or all of them (for `eval --help` and for a typo's message). */
export async function registerEvalCommand(program: Command, io: CliIo, done: (code: number) => void, argv: readonly string[] = []): Promise<Command> {
  const evalCommand = program
    .command("eval")
    .description("Evaluate function calling: score BFCL results, run suites through the gate, compare runs.");
  const named = argv.slice(argv.indexOf("eval") + 1).find((arg) => !arg.startsWith("-"));
  const chosen = subcommands.filter(([name]) => name === named);
  for (const [, load] of chosen.length > 0 ? chosen : subcommands) (await load())(evalCommand, io, done);
  return evalCommand;
}
