// `toolgate tools scan|pin|verify`: check tool definitions for poisoning, pin the approved ones, and catch silent changes.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { PinCheck, PinFile, ScanFinding } from "../policy/index.js";
import { parsePinFile, pinCatalog, scanToolDefinitions, verifyPins } from "../policy/index.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import type { LoadedTools } from "../runtime/index.js";
import { loadCliTools } from "./cli-runtime.js";

interface ToolsOptions {
  tools?: string;
  dataDir?: string;
  json?: boolean;
}

export const defaultPinFileName = "toolgate.pins.json";

export function registerToolsCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const tools = program.command("tools").description("check the tool catalog: scan definitions for poisoning, pin approved definitions, verify pins");
  const common = (command: Command) =>
    command
      .option("--tools <file>", "a module exporting `tools`; default: the customer-service example")
      .option("--data-dir <dir>", "where the example catalog lives (default: $TOOLGATE_HOME, else .toolgate)")
      .option("--json", "print the result as JSON");

  common(tools.command("scan").description("report poisoning patterns in tool descriptions and schemas; exits 1 on a high-severity finding"))
    .option("--known-host <host...>", "hosts URLs in definitions may point to without a finding")
    .action(async (options: ToolsOptions & { knownHost?: string[] }) => done(await withTools(options, io, (loaded) => scan(loaded, options, io))));

  common(tools.command("pin").description(`pin every tool's current definition (first run), or re-approve changed ones with --approve`))
    .option("--out <file>", `the pin file (default: ${defaultPinFileName})`)
    .option("--approve", "accept changed, new and removed tools and rewrite the pin file")
    .option("--by <name>", "who approves (default: $USER)")
    .action(async (options: ToolsOptions & { out?: string; approve?: boolean; by?: string }) => done(await withTools(options, io, (loaded) => pin(loaded, options, io))));

  common(tools.command("verify").description("compare the catalog with a pin file; exits 1 when a tool changed or is not pinned"))
    .option("--pins <file>", `the pin file (default: ${defaultPinFileName})`)
    .action(async (options: ToolsOptions & { pins?: string }) => done(await withTools(options, io, (loaded) => verify(loaded, options, io))));
}

async function withTools(options: ToolsOptions, io: CliIo, run: (loaded: LoadedTools) => number): Promise<number> {
  const loaded = await loadCliTools(options, io);
  try {
    return run(loaded);
  } finally {
    loaded.close();
  }
}

function scan(loaded: LoadedTools, options: ToolsOptions & { knownHost?: string[] }, io: CliIo): number {
  const findings = scanToolDefinitions(loaded.registry.tools, { knownHosts: options.knownHost ?? [] });
  const high = findings.filter((finding) => finding.severity === "high").length;
  if (options.json) writeLine(io.stdout, JSON.stringify({ source: loaded.source, tools: loaded.registry.tools.length, findings }, null, 2));
  else {
    writeLine(io.stdout, `scanned ${loaded.registry.tools.length} tools from ${loaded.source}`);
    for (const finding of findings) writeLine(io.stdout, formatFinding(finding));
    const counts = (["high", "medium", "low"] as const).map((severity) => `${findings.filter((finding) => finding.severity === severity).length} ${severity}`);
    writeLine(io.stdout, `${findings.length} finding${findings.length === 1 ? "" : "s"} (${counts.join(", ")})`);
  }
  return high > 0 ? exitCodes.runtime : exitCodes.ok;
}

function formatFinding(finding: ScanFinding): string {
  const where = `${finding.field}${finding.pointer ? ` ${finding.pointer}` : ""}`;
  return `${finding.severity.toUpperCase().padEnd(6)} ${finding.tool} ${where}: ${finding.kind}: ${finding.message} — ${JSON.stringify(finding.excerpt)}`;
}

function pin(loaded: LoadedTools, options: ToolsOptions & { out?: string; approve?: boolean; by?: string }, io: CliIo): number {
  const path = resolve(io.cwd ?? process.cwd(), options.out ?? defaultPinFileName);
  const pinnedBy = options.by ?? io.env.USER ?? io.env.USERNAME ?? "unknown";
  const previous = existsSync(path) ? readPins(path) : undefined;
  if (!previous) {
    const pins = pinCatalog(loaded.registry, { pinnedBy });
    writePins(path, pins);
    writeLine(io.stdout, `pinned ${Object.keys(pins.tools).length} tools from ${loaded.source} to ${options.out ?? defaultPinFileName} (by ${pinnedBy})`);
    return exitCodes.ok;
  }
  const open = verifyPins(loaded.registry, previous).filter((check) => check.status !== "pinned");
  if (open.length === 0) {
    writeLine(io.stdout, `all ${loaded.registry.tools.length} tools match ${options.out ?? defaultPinFileName}; nothing to approve`);
    return exitCodes.ok;
  }
  for (const line of formatChecks(open)) writeLine(io.stdout, line);
  if (!options.approve) {
    writeLine(io.stderr, `toolgate: ${open.length} tool${open.length === 1 ? "" : "s"} differ from the pins; review the changes above, then run \`toolgate tools pin --approve\``);
    return exitCodes.runtime;
  }
  const pins = pinCatalog(loaded.registry, { pinnedBy, previous });
  writePins(path, pins);
  writeLine(io.stdout, `re-approved ${open.length} change${open.length === 1 ? "" : "s"} in ${options.out ?? defaultPinFileName} (by ${pinnedBy})`);
  return exitCodes.ok;
}

function verify(loaded: LoadedTools, options: ToolsOptions & { pins?: string }, io: CliIo): number {
  const shown = options.pins ?? defaultPinFileName;
  const path = resolve(io.cwd ?? process.cwd(), shown);
  if (!existsSync(path)) throw usageError(`--pins ${shown}: no such file; create it with \`toolgate tools pin --out ${shown}\``);
  const checks = verifyPins(loaded.registry, readPins(path));
  const failing = checks.filter((check) => check.status === "changed" || check.status === "unpinned");
  if (options.json) writeLine(io.stdout, JSON.stringify({ source: loaded.source, pins: shown, checks }, null, 2));
  else {
    for (const line of formatChecks(checks.filter((check) => check.status !== "pinned"))) writeLine(io.stdout, line);
    writeLine(io.stdout, `${checks.filter((check) => check.status === "pinned").length} of ${loaded.registry.tools.length} tools match ${shown}${failing.length > 0 ? `; ${failing.length} would be denied until re-approved with \`toolgate tools pin --approve\`` : ""}`);
  }
  return failing.length > 0 ? exitCodes.runtime : exitCodes.ok;
}

function formatChecks(checks: PinCheck[]): string[] {
  return checks.flatMap((check) => {
    if (check.status === "changed") return [`changed  ${check.tool}`, ...check.changes.map((change) => `  ${change}`)];
    if (check.status === "unpinned") return [`new      ${check.tool} (not pinned)`];
    if (check.status === "removed") return [`removed  ${check.tool} (pinned, no longer in the catalog)`];
    return [];
  });
}

function readPins(path: string): PinFile {
  try {
    return parsePinFile(readFileSync(path, "utf8"), path);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), error);
  }
}

function writePins(path: string, pins: PinFile): void {
  writeFileSync(path, `${JSON.stringify(pins, null, 2)}\n`);
}
