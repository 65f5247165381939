// The toolgate command line: builds the commander program for one invocation and turns every outcome into an exit code.
import { readFileSync } from "node:fs";
import type { Command as CommandType } from "commander";
import { exitCodeFor, exitCodes, reportError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { processIo, writeLine } from "./cli-io.js";

/** Declares a command; a command group may use `argv` to load only the subcommand named (and is awaited). */
type Register = (program: CommandType, io: CliIo, done: (exitCode: number) => void, argv?: readonly string[]) => unknown;

/**
 * Every command: the line `toolgate --help` lists and the module that declares it. A command's module (and the rooms
 * it imports) loads only when that command runs or shows its own help, so `toolgate --version` and `--help` load none.
 * main.test.ts checks that each `term` and `summary` is what the module itself declares.
 */
export const commandTable: ReadonlyArray<{ name: string; term: string; summary: string; load: () => Promise<Register> }> = [
  { name: "run", term: "run [options] <prompt>", summary: "run one prompt through the agent loop and show the answer and every gated call", load: async () => (await import("./run-command.js")).registerRunCommand },
  { name: "chat", term: "chat [options]", summary: "talk to the agent; /trace shows the last turn's Trace, /exit (or Ctrl-D) quits", load: async () => (await import("./chat-command.js")).registerChatCommand },
  { name: "eval", term: "eval", summary: "Evaluate function calling: score BFCL results, run suites through the gate, compare runs.", load: async () => (await import("./eval-command.js")).registerEvalCommand },
  { name: "advise", term: "advise [options] <reports...>", summary: "read evaluation reports and say which lever to pull next (prompting, retrieval, routing, fine-tuning), with evidence and the experiment that would confirm it", load: async () => (await import("./advise-command.js")).registerAdviseCommand },
  { name: "route", term: "route [options] <query>", summary: "show which tools a router would expose for a request, and why (`route enrich` learns --examples from cases)", load: async () => (await import("./route-command.js")).registerRouteCommand },
  {
    name: "audit",
    term: "audit",
    summary: "the audit trail: list runs, show one, verify the chain, export events or OpenTelemetry spans, prune by age, hand out the public key and the signed head",
    load: async () => (await import("./audit-command.js")).registerAuditCommand,
  },
  { name: "replay", term: "replay [options] <traceId>", summary: "re-check a recorded run's calls against today's tools and policy (decode, resolve, validate, policy) without running any", load: async () => (await import("./replay-command.js")).registerReplayCommand },
  { name: "tools", term: "tools", summary: "check the tool catalog: scan definitions for poisoning, pin approved definitions, verify pins", load: async () => (await import("./tools-command.js")).registerToolsCommand },
  { name: "resume", term: "resume [options] <trace>", summary: "continue a run that paused for approval, once its calls are decided (`toolgate approvals list`)", load: async () => (await import("./resume-command.js")).registerResumeCommand },
  { name: "approvals", term: "approvals", summary: "decide the tool calls paused runs wait on (approve, edit, deny) and list them", load: async () => (await import("./approvals-command.js")).registerApprovalsCommand },
  { name: "policy", term: "policy", summary: "check a policy file, or explain the decision it reaches for a call", load: async () => (await import("./policy-command.js")).registerPolicyCommand },
  { name: "mcp", term: "mcp", summary: "serve the tool catalog over the Model Context Protocol (every tools/call through the gate); review bridged MCP tools' pins", load: async () => (await import("./mcp-command.js")).registerMcpCommand },
  { name: "config", term: "config", summary: "check a toolgate.yaml runtime configuration, or print its JSON Schema for editors", load: async () => (await import("./config-command.js")).registerConfigCommand },
  { name: "serve", term: "serve [options]", summary: "run the OpenAI-compatible gateway: every tool call an upstream model proposes is judged before the client sees it", load: async () => (await import("./serve-command.js")).registerServeCommand },
  { name: "keys", term: "keys", summary: "API keys for the gateway (stored hashed): create for a principal and roles, list, revoke", load: async () => (await import("./keys-command.js")).registerKeysCommand },
  { name: "ui", term: "ui [options]", summary: "the dashboard in a browser: runs and traces, approvals, audit chain, evaluation (the app serve mounts at /ui)", load: async () => (await import("./ui-command.js")).registerUiCommand },
  { name: "capture", term: "capture", summary: "content captured with --capture (messages, tools shown; sensitive values masked): list it, prune it by age", load: async () => (await import("./capture-command.js")).registerCaptureCommand },
  { name: "rag", term: "rag", summary: "retrieval over your documents: `rag ingest` text, Markdown, HTML and PDF into a store, `rag search` it as a principal", load: async () => (await import("./rag-command.js")).registerRagCommand },
  {
    name: "dataset",
    term: "dataset",
    summary: "Fine-tuning data: import public formats, verify, augment, dedupe, check leakage, split, export for trainers, build from a recipe.",
    load: async () => (await import("./dataset-command.js")).registerDatasetCommand,
  },
];

const usageHint = "(run `toolgate --help` for usage)";

/** Runs one invocation; never throws and never calls process.exit, so tests can drive it in-process. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (argv.length === 0) {
    writeLine(io.stderr, `toolgate: give a command: toolgate run "<prompt>" or toolgate chat ${usageHint}`);
    return exitCodes.usage;
  }
  // Answered before anything else loads: the version is the one thing asked for on every health check.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    writeLine(io.stdout, packageVersion());
    return exitCodes.ok;
  }
  let exitCode: number = exitCodes.ok;
  const done = (code: number) => {
    exitCode = code;
  };
  const { Command, CommanderError } = await import("commander");
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

  try {
    await registerCommands(program, argv, io, done);
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    // Commander has already printed its message; help and --version exit with 0, every parse failure is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    reportError(error, io.stderr, io.env);
    return exitCodeFor(error);
  }
}

/**
 * The command named on the line (or after `help`) is registered for real; without one (`--help`, a typo) every
 * command is listed from the table, so commander can show the overview or say which names exist.
 */
async function registerCommands(program: CommandType, argv: string[], io: CliIo, done: (code: number) => void): Promise<void> {
  const first = argv.find((arg) => !arg.startsWith("-"));
  const named = first === "help" ? argv[argv.indexOf("help") + 1] : first;
  const entry = commandTable.find((command) => command.name === named);
  if (entry) {
    await (await entry.load())(program, io, done, argv);
    return;
  }
  const { Help } = await import("commander");
  const standard = new Help();
  const terms = new Map(commandTable.map((command) => [command.name, command.term]));
  program.configureHelp({ subcommandTerm: (command) => terms.get(command.name()) ?? standard.subcommandTerm(command) });
  for (const command of commandTable) program.command(command.name).description(command.summary);
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
