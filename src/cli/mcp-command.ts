// `toolgate mcp serve --stdio | --http <port>`: the tool catalog as an MCP server, every tools/call through the gate.
import type { Command } from "commander";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { loadCliTools } from "./cli-runtime.js";
import { flagLabel } from "./flag-label.js";

interface McpServeOptions {
  stdio?: boolean;
  http?: string;
  host: string;
  tools?: string;
  dataDir?: string;
  principal?: string;
  role?: string[];
  profile?: "strict" | "data-flow";
  callLog?: string;
  /** A store URL, or false for --no-audit. */
  audit?: string | false;
}

export function registerMcpCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const mcp = program.command("mcp").description("serve the tool catalog over the Model Context Protocol, every tools/call through the gate");
  mcp
    .command("serve")
    .description("run an MCP server over stdio (for a client that spawns toolgate) or streamable HTTP on a port")
    .option("--stdio", "speak MCP on stdin/stdout")
    .option("--http <port>", "serve streamable HTTP at http://<host>:<port>/mcp (0: any free port)")
    .option("--host <host>", "the address to listen on with --http", "127.0.0.1")
    .option("--tools <file>", "a module exporting `tools`; default: the customer-service example")
    .option("--data-dir <dir>", "where the example catalog lives (default: $TOOLGATE_HOME, else .toolgate)")
    .option("--principal <id>", "who MCP clients act for (handed to the policy)")
    .option("--role <role...>", "roles of that principal")
    .option("--profile <profile>", "the default policy's profile: strict or data-flow", "strict")
    .option("--call-log <file>", "append every gated call's record (JSON lines)")
    .option("--audit <url>", "record every call to this signed audit trail: sqlite:<file> or postgres://… (default: sqlite:<data dir>/audit.db)")
    .option("--no-audit", "do not record calls to the audit trail")
    .action(async (options: McpServeOptions) => done(await serve(options, io)));
}

async function serve(options: McpServeOptions, io: CliIo): Promise<number> {
  if (Boolean(options.stdio) === (options.http !== undefined)) throw usageError("give exactly one of --stdio or --http <port>");
  const port = options.http === undefined ? undefined : Number(options.http);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) throw usageError(`--http ${options.http}: not a port number (0–65535)`);
  if (options.profile !== "strict" && options.profile !== "data-flow") throw usageError(`--profile ${String(options.profile)}: give strict or data-flow`);
  const [{ createGatedMcpServer, serveMcpHttp, serveMcpStdio }, { createGate, jsonlSink }, { defaultPolicy }, { auditRecorder }, { combineRunSinks }, { openAuditTrail, resolveDataDir }] = await Promise.all([
    import("../mcp/index.js"),
    import("../gate/index.js"),
    import("../policy/index.js"),
    import("../audit/index.js"),
    import("../capture/index.js"),
    import("../runtime/index.js"),
  ]);
  const cwd = io.cwd ?? process.cwd();
  const dataDir = resolveDataDir(options.dataDir, io.env, cwd);
  const loaded = await loadCliTools(options, io, dataDir);
  // MCP clients run tools nobody else sees: like `run`, every call goes to the signed trail unless --no-audit.
  const audit = options.audit === false ? undefined : await openAuditTrail(options.audit, { dataDir, cwd, env: io.env, label: flagLabel });
  try {
    const sink = combineRunSinks(options.callLog ? jsonlSink(options.callLog) : undefined, audit ? auditRecorder(audit, { registry: loaded.registry }) : undefined);
    const gate = createGate({
      registry: loaded.registry,
      policy: defaultPolicy({ clock: () => new Date() }, options.profile),
      // A session is one long trace: the per-run call cap of an agent loop would end it after 256 calls; rate limits still apply.
      callCaps: false,
      ...(sink ? { sink } : {}),
    });
    const principal = options.principal ? { id: options.principal, ...(options.role?.length ? { roles: options.role } : {}) } : undefined;
    const newServer = () => createGatedMcpServer({ registry: loaded.registry, gate, ...(principal ? { principal } : {}) });
    if (port === undefined) {
      // stdout belongs to the protocol now: nothing else may be written there.
      const { closed } = await serveMcpStdio(newServer());
      await closed;
      return 0;
    }
    const http = await serveMcpHttp(newServer, { port, host: options.host });
    writeLine(io.stderr, `toolgate mcp: ${loaded.registry.tools.length} tools from ${loaded.source} at ${http.url}${audit ? `; calls recorded to ${audit.url}` : ""}`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await http.close();
    return 0;
  } finally {
    loaded.close();
    await audit?.close();
  }
}
