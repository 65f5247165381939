// `toolgate mcp serve --stdio | --http <port>`: the tool catalog as an MCP server, every tools/call through the gate,
// governed by the same configuration as run and serve (toolgate.yaml through createRuntime, or the same flags).
// `toolgate mcp pins list|show|approve`: see and re-approve changed definitions of bridged MCP tools (rug pulls).
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import type { AllowList, PolicyProfile } from "../policy/index.js";
import type { RuntimeConfig, RuntimeSetting } from "../runtime/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { flagLabel, mixedLabel } from "./flag-label.js";
import { registerMcpPinsCommand } from "./mcp-pins-command.js";
import { profileOption } from "./profile-option.js";

interface McpServeOptions {
  stdio?: boolean;
  http?: string;
  host: string;
  config?: string;
  tools?: string;
  dataDir?: string;
  policy?: string;
  profile?: PolicyProfile;
  principal?: string;
  role?: string[];
  /** A store URL, or false for --no-audit. */
  audit?: string | false;
  /** --approvals [url]: true for the default store. */
  approvals?: string | true;
  limits?: string;
  pins?: string;
  /** false for --no-taint. */
  taint?: boolean;
  isolation?: "off" | "worker" | "process";
  callLog?: string;
  elicitTimeout?: string;
  /** false for --no-elicitation. */
  elicitation?: boolean;
}

export function registerMcpCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const mcp = program.command("mcp").description("serve the tool catalog over the Model Context Protocol (every tools/call through the gate); review bridged MCP tools' pins");
  mcp
    .command("serve")
    .description("run an MCP server over stdio (for a client that spawns toolgate) or streamable HTTP on a port, governed like run and serve")
    .option("--stdio", "speak MCP on stdin/stdout")
    .option("--http <port>", "serve streamable HTTP at http://<host>:<port>/mcp (0: any free port)")
    .option("--host <host>", "the address to listen on with --http", "127.0.0.1")
    .option("--config <file>", "a toolgate.yaml (tools, mcp servers, policy, pins, principal, stores, limits); flags given here override it")
    .option("--tools <file>", "a module exporting `tools`; default: the customer-service example")
    .option("--data-dir <dir>", "where the default stores and the example catalog live (default: $TOOLGATE_HOME, else .toolgate)")
    .option("--policy <file>", "a YAML policy deciding every call (default: built in)")
    .addOption(profileOption("the built-in policy's profile (without --policy)"))
    .option("--principal <id>", "who MCP clients act for (handed to the policy; the approver named in grants decided at the client)")
    .option("--role <role...>", "roles of that principal")
    .option("--audit <url>", "record every call to this signed audit trail: sqlite:<file> or postgres://… (default: sqlite:<data dir>/audit.db)")
    .option("--no-audit", "do not record calls to the audit trail")
    .option(
      "--approvals [url]",
      "keep calls needing approval in this store (default: sqlite:<data dir>/approvals.db): a client with MCP elicitation is asked there and then, and its answer is a signed grant; others get an approval_required error naming the approval, to decide with `toolgate approvals` or the dashboard",
    )
    .option("--limits <url>", "where rate limits and budgets count: sqlite:<file> or postgres://… (default: sqlite:<data dir>/limits.db)")
    .option("--pins <file>", "deny calls to tools whose definition differs from this pin file")
    .option("--no-taint", "do not follow values from untrusted tool results into later calls of the same MCP session")
    .addOption(new Option("--isolation <where>", "run each call in a worker thread or child process that loads --tools itself").choices(["off", "worker", "process"]))
    .option("--elicit-timeout <seconds>", "how long a person at an eliciting client has to answer an approval (default 600)")
    .option("--no-elicitation", "never ask the client: calls needing approval wait in the store for `toolgate approvals` or the dashboard (for clients that could answer for their person unattended)")
    .option("--call-log <file>", "append every gated call's record (JSON lines)")
    .action(async (options: McpServeOptions) => done(await serve(options, io)));
  registerMcpPinsCommand(mcp, io, done);
}

/** The runtime configuration the flags describe, laid over --config; what a model would need (model, router) is left out. */
function configOf(options: McpServeOptions, cwd: string, loadRuntimeConfig: (path: string, shown: string) => RuntimeConfig): { config: RuntimeConfig; label: (setting: RuntimeSetting) => string } {
  if (options.role?.length && !options.principal) throw usageError("--role needs --principal: name who MCP clients act for, e.g. --principal support --role approver");
  const file: RuntimeConfig = options.config === undefined ? {} : loadRuntimeConfig(resolve(cwd, options.config), options.config);
  const { model: _model, router: _router, ...governed } = file;
  const config: RuntimeConfig = {
    ...governed,
    ...(options.tools !== undefined ? { tools: options.tools } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.policy !== undefined ? { policy: options.policy } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.principal !== undefined ? { principal: { id: options.principal, ...(options.role?.length ? { roles: options.role } : {}) } } : {}),
    ...(options.audit !== undefined ? { audit: options.audit === false ? false : options.audit } : {}),
    ...(options.approvals !== undefined ? { approvals: options.approvals } : {}),
    ...(options.limits !== undefined ? { limits: { ...file.limits, counters: options.limits } } : {}),
    ...(options.pins !== undefined ? { pins: options.pins } : {}),
    ...(options.taint === false ? { taint: false } : {}),
    ...(options.isolation !== undefined ? { isolation: options.isolation } : {}),
  };
  if (options.config === undefined) return { config, label: flagLabel };
  const fromFile = new Set<RuntimeSetting>();
  const given: Array<[RuntimeSetting, unknown, unknown]> = [
    ["tools", file.tools, options.tools],
    ["dataDir", file.dataDir, options.dataDir],
    ["policy", file.policy, options.policy],
    ["principal", file.principal, options.principal],
    ["audit", file.audit, options.audit],
    ["approvals", file.approvals, options.approvals],
    ["limits.counters", file.limits?.counters, options.limits],
    ["pins", file.pins, options.pins],
    ["isolation", file.isolation, options.isolation],
  ];
  for (const [setting, inFile, flag] of given) if (inFile !== undefined && flag === undefined) fromFile.add(setting);
  return { config, label: mixedLabel(fromFile, options.config) };
}

/** MCP clients bring their own model; the runtime is opened for its governance only, so no model is ever loaded. */
const noModel = {
  id: "mcp:serve",
  generate: async (): Promise<never> => {
    throw new Error("toolgate mcp serve runs no model: the MCP client's model proposes the calls");
  },
};

async function serve(options: McpServeOptions, io: CliIo): Promise<number> {
  if (Boolean(options.stdio) === (options.http !== undefined)) throw usageError("give exactly one of --stdio or --http <port>");
  const port = options.http === undefined ? undefined : Number(options.http);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) throw usageError(`--http ${options.http}: not a port number (0–65535)`);
  const elicitSeconds = options.elicitTimeout === undefined ? 600 : Number(options.elicitTimeout);
  if (!Number.isFinite(elicitSeconds) || elicitSeconds <= 0) throw usageError(`--elicit-timeout ${options.elicitTimeout}: give a number of seconds above 0`);
  const [mcpRoom, { createGate, jsonlSink }, { createTaintTracker, storeApprover }, { defaultAuditKeyPath, resolveAuditKey }, { combineRunSinks }, runtimeRoom] = await Promise.all([
    import("../mcp/index.js"),
    import("../gate/index.js"),
    import("../policy/index.js"),
    import("../audit/index.js"),
    import("../capture/index.js"),
    import("../runtime/index.js"),
  ]);
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const { config, label } = configOf(options, cwd, runtimeRoom.loadRuntimeConfig);
  // The same assembly as run and serve: policy (and its rate limits), pins, tools and bridged MCP servers, audit, approvals.
  // A configuration mistake is a RuntimeConfigError, which the CLI reports as a usage error naming the flag or key.
  const runtime = await runtimeRoom.createRuntime(config, { cwd, env, label, model: noModel });
  try {
    const loop = runtime.loopOptions();
    const sink = combineRunSinks(options.callLog ? jsonlSink(options.callLog) : undefined, runtime.sink);
    const verifier = runtime.approvals ? resolveAuditKey({ env, keyPath: defaultAuditKeyPath(runtime.approvals.url, cwd), cwd, create: true }).signer.verifier : undefined;
    const approvals = runtime.approvals && options.elicitation !== false ? mcpRoom.elicitingApprover({ store: runtime.approvals, verifier: verifier!, timeoutMs: elicitSeconds * 1000 }) : undefined;
    const approver = approvals ?? (runtime.approvals ? storeApprover({ store: runtime.approvals, verifier: verifier! }) : undefined);
    const gate = createGate({
      registry: runtime.tools,
      policy: runtime.governance.policy,
      // A session is one long trace: the per-run call cap of an agent loop would end it after 256 calls; rate limits still apply.
      callCaps: false,
      ...(loop.limitCounters ? { limitCounters: loop.limitCounters } : {}),
      ...(loop.isolation ? { isolation: loop.isolation } : {}),
      ...(approver ? { approver } : {}),
      ...(sink ? { sink } : {}),
    });
    const principal = runtime.governance.principal;
    // A policy document's `allow:` list proves steering values wherever they come from, as in run.
    const policyAllowList = (runtime.governance.policy as { allowList?: AllowList }).allowList;
    const taint = config.taint === false ? undefined : () => createTaintTracker({ registry: runtime.tools, ...(policyAllowList ? { provenance: { allowList: policyAllowList } } : {}) });
    const newServer = () =>
      mcpRoom.createGatedMcpServer({ registry: runtime.tools, gate, ...(principal ? { principal } : {}), ...(approvals ? { approvals } : {}), ...(taint ? { taint } : {}) });
    const governance = `policy ${config.policy ?? `built-in (${config.profile ?? "strict"})`}${runtime.auditUrl ? `; calls recorded to ${runtime.auditUrl}` : ""}${runtime.approvals ? `; approvals in ${runtime.approvals.url}${approvals ? " (asked of the client when it supports elicitation)" : ""}` : ""}`;
    if (port === undefined) {
      // stdout belongs to the protocol now: nothing else may be written there.
      writeLine(io.stderr, `toolgate mcp: ${runtime.tools.tools.length} tools from ${runtime.toolsSource} over stdio; ${governance}`);
      const { closed } = await mcpRoom.serveMcpStdio(newServer());
      await closed;
      return 0;
    }
    const http = await mcpRoom.serveMcpHttp(newServer, { port, host: options.host });
    writeLine(io.stderr, `toolgate mcp: ${runtime.tools.tools.length} tools from ${runtime.toolsSource} at ${http.url}; ${governance}`);
    await new Promise<void>((resolveStop) => {
      process.once("SIGINT", resolveStop);
      process.once("SIGTERM", resolveStop);
    });
    await http.close();
    return 0;
  } finally {
    await runtime.close();
  }
}
