// What `run` and `chat` both open before the first turn: the tools, the audit trail, the model and the system prompt, and how to close them.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Principal, RunSink } from "../record/index.js";
import type { RunAgentOptions } from "../agent/index.js";
import type { AuditStore } from "../audit/index.js";
import { auditRecorder } from "../audit/index.js";
import type { ModelAdapter } from "../model/types.js";
import type { PinFile, Policy, SpotlightingTemplate, TaintTracker } from "../policy/index.js";
import type { CounterStore, EnginePolicy } from "../policy/index.js";
import { createPinningPolicy, createTaintTracker, datamarkingSpotlight, defaultPolicy, defensiveSystemPrompt, delimitingSpotlight, loadPolicy, parsePinFile, PinFileError, PolicyFileError, postgresCounterStore, sqliteCounterStore } from "../policy/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { openCliAuditStore } from "./audit-command.js";
import type { CliIo } from "./cli-io.js";
import { loadModel } from "./load-model.js";
import { loadTools, resolveDataDir } from "./load-tools.js";
import { usageError } from "./cli-error.js";
import { routerFor } from "./router-option.js";
import type { SharedOptions } from "./shared-options.js";

export interface AgentSetup {
  model: ModelAdapter;
  registry: ToolRegistry;
  system?: string;
  toolsSource: string;
  /** Records every run to the audit store; absent with --no-audit. */
  sink?: RunSink;
  /** The store's URL (credentials removed), for telling the user where the trail is. */
  auditUrl?: string;
  /** The tools shown per step, from --router; absent for the flat default. */
  selectTools?: RunAgentOptions["selectTools"];
  /**
   * The policy (--policy, else the default, behind --pins when given), who the run acts for (--principal, --role), the
   * taint tracker feeding the policy's taint rules (one per process: a chat's later turns still know what earlier turns
   * read), and how untrusted results are spotlighted.
   */
  governance: { policy: Policy; principal?: Principal; taint?: TaintTracker; spotlighting?: SpotlightingTemplate };
  close(): Promise<void>;
}

export async function setUpAgent(options: SharedOptions, io: CliIo): Promise<AgentSetup> {
  const cwd = io.cwd ?? process.cwd();
  // First of all: a policy file with a typo should fail before tools, stores or models are opened.
  const { counters, ...governance } = await governanceFrom(options, resolveDataDir(options.dataDir, io.env, cwd), cwd);
  const pins = options.pins === undefined ? undefined : readPins(options.pins, cwd);
  // Tools first: a bad --tools file should fail before a model is downloaded or loaded.
  let tools: Awaited<ReturnType<typeof loadTools>>;
  try {
    tools = await loadTools({ file: options.tools, dataDir: resolveDataDir(options.dataDir, io.env, cwd), cwd });
  } catch (error) {
    counters?.close?.();
    throw error;
  }
  let audit: AuditStore | undefined;
  let model: ModelAdapter;
  try {
    // Before the model: an unreachable audit store should fail before a model is downloaded or loaded.
    audit = options.audit === false ? undefined : await openCliAuditStore(options.audit, options.dataDir, io, "write");
    model = await loadModel({ spec: options.model, threads: options.threads, env: io.env, stderr: io.stderr });
  } catch (error) {
    await audit?.close();
    tools.close();
    counters?.close?.();
    throw error;
  }
  let selectTools: RunAgentOptions["selectTools"];
  try {
    selectTools = routerFor(options, model, io.env, cwd);
  } catch (error) {
    await model.close?.();
    await audit?.close();
    tools.close();
    counters?.close?.();
    throw error;
  }
  const registry = tools.registry;
  // Spotlighting only means something when some tool's results are declared untrusted; otherwise the prompt stays as written.
  const spotlighting = registry.tools.some((tool) => tool.trust === "untrusted") ? spotlightingFor(options.spotlighting) : undefined;
  const system = options.system ?? tools.systemPrompt;
  return {
    governance: {
      ...governance,
      ...(pins ? { policy: createPinningPolicy(pins, governance.policy, { registry }) } : {}),
      ...(options.taint === false ? {} : { taint: createTaintTracker({ registry }) }),
      ...(spotlighting ? { spotlighting } : {}),
    },
    model,
    registry,
    ...(selectTools ? { selectTools } : {}),
    ...(spotlighting ? { system: defensiveSystemPrompt(system ?? "", spotlighting) } : system !== undefined ? { system } : {}),
    toolsSource: tools.source,
    ...(audit ? { sink: auditRecorder(audit, { registry: tools.registry }), auditUrl: audit.url } : {}),
    async close() {
      try {
        await model.close?.();
      } finally {
        try {
          await audit?.close();
        } finally {
          tools.close();
          counters?.close?.();
        }
      }
    },
  };
}

async function governanceFrom(options: SharedOptions, dataDir: string, cwd: string): Promise<AgentSetup["governance"] & { counters?: CounterStore }> {
  if (options.role && options.role.length > 0 && !options.principal) throw usageError("--role needs --principal: name who the run acts for, e.g. --principal alice --role finance");
  const clock = () => new Date();
  let policy: EnginePolicy;
  let counters: CounterStore | undefined;
  try {
    policy = options.policy ? loadPolicy(resolve(cwd, options.policy), { clock }) : defaultPolicy({ clock });
    // Rate limits and budgets must survive the process, or every new `toolgate run` would start them over.
    if (options.policy && policy.rules.some((rule) => rule.effect === "rate-limit")) {
      counters = await openCounterStore(options.limits, dataDir, cwd);
      policy = loadPolicy(resolve(cwd, options.policy), { clock, counters });
    }
  } catch (error) {
    if (error instanceof PolicyFileError) throw usageError(`the --policy file is not valid (run \`toolgate policy check ${options.policy}\`):\n${error.message}`, error);
    throw error;
  }
  const principal: Principal | undefined = options.principal ? { id: options.principal, ...(options.role && options.role.length > 0 ? { roles: options.role } : {}) } : undefined;
  return { policy, ...(principal ? { principal } : {}), ...(counters ? { counters } : {}) };
}

function readPins(file: string, cwd: string): PinFile {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw usageError(`--pins ${file}: no such file; create it with \`toolgate tools pin --out ${file}\``);
  try {
    return parsePinFile(readFileSync(path, "utf8"), file);
  } catch (error) {
    if (error instanceof PinFileError) throw usageError(error.message, error);
    throw error;
  }
}

function spotlightingFor(choice: SharedOptions["spotlighting"] | undefined): SpotlightingTemplate | undefined {
  if (choice === "off") return undefined;
  return choice === "delimit" ? delimitingSpotlight() : datamarkingSpotlight();
}

/** Where rate-limit and budget counters live: --limits (sqlite:<file> or postgres://…), else `<data dir>/limits.db`. */
async function openCounterStore(url: string | undefined, dataDir: string, cwd: string): Promise<CounterStore> {
  if (url === undefined || url.startsWith("sqlite:")) {
    const file = url === undefined ? join(dataDir, "limits.db") : resolve(cwd, url.slice("sqlite:".length));
    mkdirSync(dirname(file), { recursive: true });
    return sqliteCounterStore(file);
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw usageError(`--limits ${url}: use sqlite:<file> or postgres://user@host/db (add ?schema=name for another schema than toolgate)`);
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  try {
    return await postgresCounterStore(parsed.toString(), schema ? { schema } : {});
  } catch (error) {
    throw usageError(`cannot open the --limits store ${parsed.host}${parsed.pathname}: ${error instanceof Error ? error.message : String(error)}; check the server is up and the URL is right`, error);
  }
}
