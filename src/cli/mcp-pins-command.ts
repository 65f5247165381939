// `toolgate mcp pins list | show <server> [tool] | approve <server> [tool...] --by <who>`: the pins of the MCP servers a
// toolgate.yaml bridges (`mcp:` entries, pinned on first import in <dataDir>/mcp-pins/). A definition that changed since
// it was pinned (a rug pull) is denied until a person looks at the diff and the poisoning scan here and re-approves it;
// each re-approval is written to the signed audit trail.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import type { McpBridge, McpServerEntry } from "../mcp/index.js";
import type { PinCheck, PinFile, ScanFinding } from "../policy/index.js";
import type { RuntimeConfig } from "../runtime/index.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { flagLabel } from "./flag-label.js";

interface PinsOptions {
  config?: string;
  dataDir?: string;
  json?: boolean;
}

interface ApproveOptions extends PinsOptions {
  by?: string;
  reason?: string;
  audit?: string | false;
  despiteFindings?: boolean;
}

/** One bridged server as it is now, next to the pins on disk (the file is only read here). */
interface ServerView {
  entry: McpServerEntry;
  file: string;
  /** The pins as the file holds them (empty when the server was never imported). */
  pins: PinFile;
  bridge: McpBridge;
  checks: PinCheck[];
}

export function registerMcpPinsCommand(mcp: Command, io: CliIo, done: (exitCode: number) => void): void {
  const pins = mcp.command("pins").description("the pinned definitions of bridged MCP servers' tools: list, show what changed (diff and scan), re-approve (audited)");
  const common = (command: Command) =>
    command
      .option("--config <file>", "the toolgate.yaml whose `mcp:` servers to check (default: ./toolgate.yaml)")
      .option("--data-dir <dir>", "where the pins live (<data dir>/mcp-pins/; default: dataDir in the config, $TOOLGATE_HOME, else .toolgate)")
      .option("--json", "print JSON");
  common(pins.command("list").description("every bridged tool with its pin status: pinned, changed, new (unpinned) or removed")).action(async (options: PinsOptions) =>
    done(await withServers(options, io, undefined, (views) => list(views, options, io))),
  );
  common(
    pins
      .command("show")
      .description("a server's changed and new tools (or one tool): what changed, the old and new definition as a diff, and the poisoning scan")
      .argument("<server>", "the mcp entry's name")
      .argument("[tool]", "one tool (its name in toolgate, with any prefix)"),
  ).action(async (server: string, tool: string | undefined, options: PinsOptions) => done(await withServers(options, io, server, (views) => show(views[0]!, tool, options, io))));
  common(
    pins
      .command("approve")
      .description("accept the current definitions of a server's changed and new tools (or the named ones) and record it in the audit trail")
      .argument("<server>", "the mcp entry's name")
      .argument("[tools...]", "only these tools (default: every changed or new one)")
      .option("--by <who>", "who approves (kept in the pin and the audit event; required)")
      .option("--reason <text>", "why, for the audit trail")
      .option("--despite-findings", "approve even a tool the scanner flags with a high-severity finding")
      .option("--audit <url>", "the audit trail to record to (default: audit in the config, else sqlite:<data dir>/audit.db)")
      .option("--no-audit", "do not record the approval (not recommended)"),
  ).action(async (server: string, tools: string[], options: ApproveOptions) => done(await withServers(options, io, server, (views, config, dataDir) => approve(views[0]!, tools, options, io, { config, dataDir }))));
}

async function withServers(options: PinsOptions, io: CliIo, only: string | undefined, work: (views: ServerView[], config: RuntimeConfig, dataDir: string) => Promise<number>): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const [{ loadRuntimeConfig, mcpPinFile, resolveDataDir }, { connectMcpBridge, McpBridgeError }, { parsePinFile, verifyPins }] = await Promise.all([
    import("../runtime/index.js"),
    import("../mcp/index.js"),
    import("../policy/index.js"),
  ]);
  const configPath = options.config ?? "toolgate.yaml";
  if (!existsSync(resolve(cwd, configPath))) throw usageError(`${options.config === undefined ? "no ./toolgate.yaml here" : `--config ${configPath}: no such file`}; name the configuration whose mcp: servers to check with --config <file>`);
  const config = loadRuntimeConfig(resolve(cwd, configPath), configPath);
  const entries = (config.mcp ?? []) as McpServerEntry[];
  if (entries.length === 0) throw usageError(`${configPath} has no mcp: servers; nothing is bridged, so nothing is pinned`);
  const chosen = only === undefined ? entries : entries.filter((entry) => entry.name === only);
  if (chosen.length === 0) throw usageError(`no mcp server named ${only} in ${configPath}; it has ${entries.map((entry) => entry.name).join(", ")}`);
  const dataDir = resolveDataDir(options.dataDir ?? config.dataDir, io.env, cwd);
  const views: ServerView[] = [];
  try {
    for (const entry of chosen) {
      const file = mcpPinFile(dataDir, entry.name);
      const pins: PinFile = existsSync(file) ? parsePinFile(readFileSync(file, "utf8"), file) : { version: 1, tools: {} };
      let bridge: McpBridge;
      try {
        // The bridge gets a copy: it pins unseen tools in memory on connect, and nothing here is approved without --by.
        bridge = await connectMcpBridge(entry, { pins: structuredClone(pins) });
      } catch (error) {
        if (error instanceof McpBridgeError) throw usageError(`${configPath}: ${error.message}`);
        throw error;
      }
      views.push({ entry, file, pins, bridge, checks: verifyPins(bridge.registry, pins) });
    }
    return await work(views, config, dataDir);
  } finally {
    for (const view of views) await view.bridge.close().catch(() => undefined);
  }
}

const statusWord = (status: PinCheck["status"]) => (status === "unpinned" ? "new" : status);
const findingsOf = (view: ServerView, tool: string) => view.bridge.findings.filter((finding) => finding.tool === tool);

async function list(views: ServerView[], options: PinsOptions, io: CliIo): Promise<number> {
  const rows = views.flatMap((view) => view.checks.map((check) => ({ server: view.entry.name, tool: check.tool, status: statusWord(check.status), changes: check.changes, findings: findingsOf(view, check.tool).length, pinFile: view.file })));
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(rows, null, 2));
  } else {
    for (const row of rows) writeLine(io.stdout, `${row.server}  ${row.tool}  ${row.status}${row.findings > 0 ? `  ${row.findings} scan finding(s)` : ""}${row.changes.length > 0 ? `  (${row.changes[0]}${row.changes.length > 1 ? ` and ${row.changes.length - 1} more` : ""})` : ""}`);
    const open = rows.filter((row) => row.status === "changed" || row.status === "new");
    if (open.length > 0) writeLine(io.stdout, `\n${open.length} tool(s) are denied until approved: toolgate mcp pins show <server> to review, then toolgate mcp pins approve <server> --by <you>`);
  }
  return exitCodes.ok;
}

async function show(view: ServerView, tool: string | undefined, options: PinsOptions, io: CliIo): Promise<number> {
  const [{ lineDiff }, { pinCatalog }] = await Promise.all([import("../mcp/index.js"), import("../policy/index.js")]);
  if (tool !== undefined && !view.checks.some((check) => check.tool === tool)) throw usageError(`mcp server ${view.entry.name} has no tool ${tool}; it has ${view.checks.map((check) => check.tool).join(", ")}`);
  const shown = view.checks.filter((check) => (tool === undefined ? check.status !== "pinned" : check.tool === tool));
  const current = pinCatalog(view.bridge.registry, { pinnedBy: "(not approved)" });
  const details = shown.map((check) => {
    const before = view.pins.tools[check.tool];
    const after = current.tools[check.tool];
    const text = (value: unknown) => (value === undefined ? "" : JSON.stringify(value, null, 2));
    return {
      tool: check.tool,
      status: statusWord(check.status),
      changes: check.changes,
      ...(before ? { pinned: { digest: before.digest, pinnedAt: before.pinnedAt, pinnedBy: before.pinnedBy } } : {}),
      ...(after ? { currentDigest: after.digest } : {}),
      diff: lineDiff(text(before?.definition), text(after?.definition)),
      findings: findingsOf(view, check.tool),
    };
  });
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ server: view.entry.name, pinFile: view.file, tools: details }, null, 2));
    return exitCodes.ok;
  }
  if (details.length === 0) writeLine(io.stdout, `every tool of ${view.entry.name} is as pinned in ${view.file}`);
  for (const detail of details) {
    writeLine(io.stdout, `${view.entry.name} / ${detail.tool}: ${detail.status}${detail.pinned ? ` (pinned ${detail.pinned.pinnedAt} by ${detail.pinned.pinnedBy}, ${detail.pinned.digest.slice(0, 19)})` : ""}`);
    for (const change of detail.changes) writeLine(io.stdout, `  ${change}`);
    writeLine(io.stdout, "  definition (- pinned, + now):");
    for (const line of detail.diff) writeLine(io.stdout, `    ${line}`);
    writeLine(io.stdout, detail.findings.length === 0 ? "  scan: no findings" : `  scan: ${detail.findings.length} finding(s)`);
    for (const finding of detail.findings) writeLine(io.stdout, `    [${finding.severity}] ${finding.kind} in ${finding.field}${finding.pointer}: ${finding.message} — ${finding.excerpt}`);
    writeLine(io.stdout);
  }
  return exitCodes.ok;
}

async function approve(view: ServerView, tools: string[], options: ApproveOptions, io: CliIo, where: { config: RuntimeConfig; dataDir: string }): Promise<number> {
  const by = options.by?.trim();
  if (!by) throw usageError("--by <who> is required: a re-approval names the person who made it (it goes into the pin and the audit trail)");
  const cwd = io.cwd ?? process.cwd();
  const open = view.checks.filter((check) => check.status === "changed" || check.status === "unpinned");
  for (const tool of tools) {
    const check = view.checks.find((entry) => entry.tool === tool);
    if (!check || check.status === "removed") throw usageError(`mcp server ${view.entry.name} has no tool ${tool} now; it has ${view.bridge.registry.tools.map((entry) => entry.name).join(", ")}`);
  }
  const chosen = tools.length > 0 ? view.checks.filter((check) => tools.includes(check.tool)) : open;
  const toApprove = chosen.filter((check) => check.status !== "pinned");
  if (toApprove.length === 0) {
    writeLine(io.stdout, `nothing to approve: ${tools.length > 0 ? tools.join(", ") : `every tool of ${view.entry.name}`} is as pinned`);
    return exitCodes.ok;
  }
  const flagged = toApprove.filter((check) => findingsOf(view, check.tool).some((finding: ScanFinding) => finding.severity === "high"));
  if (flagged.length > 0 && !options.despiteFindings) {
    writeLine(io.stderr, `toolgate: not approved: the scanner flags ${flagged.map((check) => check.tool).join(", ")} with high-severity findings (see toolgate mcp pins show ${view.entry.name}); add --despite-findings to approve anyway`);
    return exitCodes.usage;
  }
  const { pinCatalog } = await import("../policy/index.js");
  const now = new Date();
  const names = new Set(toApprove.map((check) => check.tool));
  const fresh = pinCatalog({ tools: view.bridge.registry.tools.filter((tool) => names.has(tool.name)) }, { pinnedBy: by, now: () => now });
  const updated: PinFile = { version: 1, tools: { ...view.pins.tools, ...fresh.tools } };

  // The trail first: a pin written without its record would be a change nobody can account for.
  if (options.audit !== false) {
    const { openAuditTrail } = await import("../runtime/index.js");
    const url = options.audit ?? (where.config.audit === false ? undefined : where.config.audit);
    const audit = await openAuditTrail(url, { dataDir: where.dataDir, cwd, env: io.env, label: flagLabel });
    try {
      await audit.append(
        toApprove.map((check) => ({
          type: "tool.pinned" as const,
          traceId: `toolgate:mcp-pins:${view.entry.name}`,
          at: now.toISOString(),
          data: {
            server: view.entry.name,
            tool: check.tool,
            status: statusWord(check.status),
            previousDigest: view.pins.tools[check.tool]?.digest ?? null,
            digest: fresh.tools[check.tool]!.digest,
            approvedBy: by,
            ...(options.reason ? { reason: options.reason } : {}),
            changes: check.changes,
            findings: findingsOf(view, check.tool).map(({ severity, kind, field, pointer, message }) => ({ severity, kind, field, pointer, message })),
            pinFile: view.file,
          },
        })),
      );
      writeLine(io.stdout, `recorded in ${audit.url}`);
    } finally {
      await audit.close();
    }
  }
  mkdirSync(dirname(view.file), { recursive: true });
  writeFileSync(view.file, `${JSON.stringify(updated, null, 2)}\n`);
  for (const check of toApprove) writeLine(io.stdout, `approved ${view.entry.name} / ${check.tool} (${statusWord(check.status)}) by ${by}: ${fresh.tools[check.tool]!.digest.slice(0, 19)}`);
  return exitCodes.ok;
}
