// createRuntime(config): everything a governed run needs, assembled once from one configuration — model, tools, router, policy, taint, spotlighting, audit, approvals, limits, pins.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ChatMessage, Principal, RunSink, Trace } from "../record/index.js";
import type { RunAgentOptions, Session } from "../agent/index.js";
import { createSession, resumeRun, runAgent, RunStateError } from "../agent/index.js";
import { auditRecorder } from "../audit/index.js";
import type { CaptureSource } from "../capture/index.js";
import { captureSink, combineRunSinks } from "../capture/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { ApprovalStore, Approver, CounterStore, EnginePolicy, PinFile, Policy, SpotlightingTemplate, TaintTracker } from "../policy/index.js";
import { createPinningPolicy, createTaintTracker, datamarkingSpotlight, defaultPolicy, defensiveSystemPrompt, delimitingSpotlight, loadPolicy, parsePinFile, PinFileError, PolicyFileError } from "../policy/index.js";
import type { ToolRegistry } from "../tool/index.js";
import type { RuntimeConfig } from "./config-schema.js";
import { defaultMaxSteps } from "./config-schema.js";
import { loadModel } from "./load-model.js";
import type { McpServers } from "./mcp-servers.js";
import { connectMcpServers } from "./mcp-servers.js";
import { loadTools, resolveDataDir } from "./load-tools.js";
import { routerFor } from "./router.js";
import type { SettingLabel } from "./runtime-error.js";
import { configKeyLabel, RuntimeConfigError } from "./runtime-error.js";
import { openApprovals, openAuditTrail, openCapture, openCounters, storeApprovalHooks, storePausedRuns } from "./open-stores.js";

export interface RuntimeOptions {
  /** Relative paths in the configuration resolve against it; `process.cwd()` by default. */
  cwd?: string;
  /** Where API keys, TOOLGATE_MODEL, TOOLGATE_HOME and the audit key are read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** How settings are named in error messages (the CLI names its flags); the config keys by default. */
  label?: SettingLabel;
  /** A model adapter the caller built (a custom AI SDK model, a test double); the config's `model` is then not loaded. */
  model?: ModelAdapter;
  /** Progress of a first-run model download. */
  onDownloadProgress?: (progress: { receivedBytes: number; totalBytes?: number }) => void;
  /** The policy's clock (rate-limit windows). */
  clock?: () => Date;
  /** Which command captured runs, when `capture` is set (`run`, `chat`…); `library` by default. */
  captureSource?: CaptureSource;
}

/** The governance every run of this runtime carries: spread it into runAgent, createSession or resumeRun options. */
export interface RuntimeGovernance {
  policy: Policy;
  principal?: Principal;
  /** One tracker per runtime: a session's later turns still know what earlier turns read. */
  taint?: TaintTracker;
  spotlighting?: SpotlightingTemplate;
}

export interface RunCallOptions {
  /** Who answers calls needing approval when no approval store is configured (a terminal prompt, a web form). */
  approver?: Approver;
  signal?: AbortSignal;
  traceId?: string;
}

export interface Runtime {
  readonly config: RuntimeConfig;
  readonly model: ModelAdapter;
  readonly tools: ToolRegistry;
  /** Where the tools came from, for a banner. */
  readonly toolsSource: string;
  /** The system prompt (the configured one, else the tools'), with the spotlighting rule when results are spotlighted. */
  readonly system?: string;
  readonly maxSteps: number;
  readonly governance: RuntimeGovernance;
  /** Records every run to the audit store; absent with `audit: false`. */
  readonly sink?: RunSink;
  /** The audit store's URL without credentials. */
  readonly auditUrl?: string;
  /** The content capture store's URL without credentials, when `capture` is set. */
  readonly captureUrl?: string;
  /** The approval store runs pause into, when `approvals` is configured. */
  readonly approvals?: ApprovalStore;
  /** The tools shown per step; absent for the flat default. */
  readonly selectTools?: RunAgentOptions["selectTools"];
  /** The options runAgent, createSession and resumeRun share, with the approval hooks for `options`. */
  loopOptions(options?: RunCallOptions): Omit<RunAgentOptions, "messages">;
  /** One run: a prompt (after the system prompt) or a whole conversation. */
  run(input: string | ChatMessage[], options?: RunCallOptions): Promise<Trace>;
  /** A conversation whose turns share the runtime's taint tracker and audit trail. */
  session(options?: Omit<RunCallOptions, "traceId">): Session;
  /** Continues a run paused for approval, once its calls are decided; needs `approvals`. */
  /**
   * Continues a run paused for approval, once its calls are decided; needs `approvals`. Refused (RuntimeConfigError) for
   * a run already resumed or finished, and under weaker defences than it paused with unless `redecide` sends every
   * waiting call back to a person.
   */
  resume(traceId: string, options?: Omit<RunCallOptions, "approver" | "traceId"> & { redecide?: boolean }): Promise<Trace>;
  close(): Promise<void>;
}

/**
 * Opens what the configuration names, in the order that fails cheapest first: the policy and pins (a typo fails before
 * anything opens), the tools, the stores, then the model (which may download), then the router. On any failure what was
 * already opened is closed again.
 */
export async function createRuntime(config: RuntimeConfig = {}, options: RuntimeOptions = {}): Promise<Runtime> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const label = options.label ?? configKeyLabel;
  const dataDir = resolveDataDir(config.dataDir, env, cwd);
  const closers: Array<() => void | Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch {
        // Closing the rest matters more than one close that failed.
      }
    }
  };
  try {
    const principal = principalOf(config);
    const { policy: basePolicy, counters } = await policyOf(config, { cwd, dataDir, label, clock: options.clock ?? (() => new Date()) });
    if (counters.close) closers.push(() => counters.close?.());
    const pins = config.pins === undefined ? undefined : readPins(config.pins, cwd, label);
    const tools = await loadTools({ ...(config.tools !== undefined ? { file: config.tools } : {}), dataDir, cwd, label });
    closers.push(() => tools.close());
    // External MCP servers join the catalog before anything else reads it: routing, spotlighting and the gate see one registry.
    const mcp = config.mcp && config.mcp.length > 0 ? await connectMcpServers(config.mcp, tools.registry, { dataDir, label }) : undefined;
    if (mcp) closers.push(() => mcp.close());
    const registry = mcp ? mcp.registry : tools.registry;
    const isolation = isolationFor(config, cwd, label);
    const approvals = config.approvals === undefined ? undefined : await openApprovals(config.approvals === true ? undefined : config.approvals, { dataDir, cwd, env, access: "decide", label });
    if (approvals) closers.push(() => approvals.close());
    // Before the model: an unreachable audit store should fail before a model is downloaded or loaded.
    const audit = config.audit === false ? undefined : await openAuditTrail(config.audit, { dataDir, cwd, env, label });
    if (audit) closers.push(() => audit.close());
    const capture = config.capture === undefined ? undefined : await openCapture(config.capture, { dataDir, cwd, env, label });
    if (capture) closers.push(() => capture.store.close());
    const modelSetting = typeof config.model === "string" ? { spec: config.model } : config.model;
    const model = options.model ?? (await loadModel({ ...(modelSetting?.spec ? { spec: modelSetting.spec } : {}), ...(modelSetting?.threads ? { threads: modelSetting.threads } : {}), ...(modelSetting?.contextSize ? { contextSize: modelSetting.contextSize } : {}), ...(modelSetting?.maxOutputTokens ? { maxOutputTokens: modelSetting.maxOutputTokens } : {}), env, ...(options.onDownloadProgress ? { onDownloadProgress: options.onDownloadProgress } : {}) }));
    // A caller's own adapter stays the caller's to close.
    if (!options.model) closers.push(() => model.close?.());
    const selectTools = await routerFor(config.router, model, { env, cwd, label });

    // Spotlighting only means something when some tool's results are declared untrusted; otherwise the prompt stays as written.
    const spotlighting = registry.tools.some((tool) => tool.trust === "untrusted") ? spotlightingFor(config.spotlighting) : undefined;
    const baseSystem = config.system ?? tools.systemPrompt;
    const system = spotlighting ? defensiveSystemPrompt(baseSystem ?? "", spotlighting) : baseSystem;
    const governance: RuntimeGovernance = {
      policy: withMcpPins(mcp, pins ? createPinningPolicy(pins, basePolicy, { registry }) : basePolicy),
      ...(principal ? { principal } : {}),
      // The policy's `allow:` lists prove steering values wherever they come from (the document's digest covers them).
      ...(config.taint === false ? {} : { taint: createTaintTracker({ registry, ...(basePolicy.allowList ? { provenance: { allowList: basePolicy.allowList } } : {}) }) }),
      ...(spotlighting ? { spotlighting } : {}),
    };
    // The trail first: content is captured only for what the audit trail already holds.
    const sink = combineRunSinks(
      audit ? auditRecorder(audit, { registry }) : undefined,
      capture ? captureSink(capture.store, { registry, redactionDigest: capture.redactionDigest, source: options.captureSource ?? "library", ...(principal ? { principal } : {}) }) : undefined,
    );
    const maxSteps = config.limits?.maxSteps ?? defaultMaxSteps;
    const hooks = approvals ? storeApprovalHooks(approvals, { cwd, env }) : undefined;

    const loopOptions = (call: RunCallOptions = {}): Omit<RunAgentOptions, "messages"> => ({
      model,
      tools: registry,
      maxSteps,
      ...governance,
      // A configured store wins: calls needing approval are parked there and the run pauses, whoever is watching.
      ...(hooks ?? (call.approver ? { approver: call.approver } : {})),
      ...(sink ? { sink } : {}),
      limitCounters: counters,
      ...(isolation ? { isolation } : {}),
      ...(selectTools ? { selectTools } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.traceId ? { traceId: call.traceId } : {}),
    });

    return {
      config,
      model,
      tools: registry,
      toolsSource: tools.source,
      ...(system !== undefined ? { system } : {}),
      maxSteps,
      governance,
      ...(sink ? { sink } : {}),
      ...(audit ? { auditUrl: audit.url } : {}),
      ...(capture ? { captureUrl: capture.store.url } : {}),
      ...(approvals ? { approvals } : {}),
      ...(selectTools ? { selectTools } : {}),
      loopOptions,
      run(input, call = {}) {
        const messages: ChatMessage[] =
          typeof input === "string" ? [...(system !== undefined ? [{ role: "system" as const, content: system }] : []), { role: "user", content: input }] : input;
        return runAgent({ ...loopOptions(call), messages });
      },
      session(call = {}) {
        const { traceId: _traceId, signal: _signal, ...shared } = loopOptions(call);
        return createSession({ ...shared, ...(system !== undefined ? { system } : {}) });
      },
      async resume(traceId, call = {}) {
        if (!approvals) throw new RuntimeConfigError("approvals", `resuming a run needs the approval store it paused into: set ${label("approvals")}`);
        try {
          const runs = storePausedRuns(approvals, { cwd, env });
          const state = await runs.load(traceId);
          if (state === undefined) throw new RuntimeConfigError("approvals", `no paused run ${traceId} in ${approvals.url}; a run paused for approval saves its state there`);
          return await resumeRun({ ...loopOptions(call), state, approvals, runs, ...(call.redecide ? { redecide: true } : {}) });
        } catch (error) {
          if (error instanceof RunStateError) throw new RuntimeConfigError("approvals", error.message, { cause: error });
          throw error;
        }
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function withMcpPins(mcp: McpServers | undefined, policy: Policy): Policy {
  return mcp ? mcp.policy(policy) : policy;
}

function principalOf(config: RuntimeConfig): Principal | undefined {
  if (!config.principal) return undefined;
  const roles = config.principal.roles ?? [];
  return { id: config.principal.id, ...(roles.length > 0 ? { roles } : {}) };
}

async function policyOf(
  config: RuntimeConfig,
  where: { cwd: string; dataDir: string; label: SettingLabel; clock: () => Date },
): Promise<{ policy: EnginePolicy; counters: CounterStore }> {
  const { cwd, dataDir, label, clock } = where;
  if (config.policy !== undefined && config.profile !== undefined) throw new RuntimeConfigError("policy", `${label("policy")} and a profile were both given: a policy file names its profile itself (\`profile: ${config.profile}\` in the document)`);
  // Rate limits must survive the process, or every new run would start them over: the gate's default limits (writes
  // and privileged calls per principal) and a policy's own rate-limit rules count in the same store.
  const counters = await openCounters(config.limits?.counters, { dataDir, cwd, label });
  if (config.policy === undefined) return { policy: defaultPolicy({ clock }, config.profile ?? "strict"), counters };
  const file = resolve(cwd, config.policy);
  try {
    return { policy: loadPolicy(file, { clock, counters }), counters };
  } catch (error) {
    counters.close?.();
    if (error instanceof PolicyFileError) {
      throw new RuntimeConfigError("policy", `the ${label("policy")} file is not valid (run \`toolgate policy check ${config.policy}\`):\n${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** `isolation: worker|process` runs every tool of the configured module isolated; the example catalog has no module to load. */
function isolationFor(config: RuntimeConfig, cwd: string, label: SettingLabel): NonNullable<RunAgentOptions["isolation"]> | undefined {
  const mode = config.isolation ?? "off";
  if (mode === "off") return undefined;
  if (config.tools === undefined) {
    throw new RuntimeConfigError(
      "isolation",
      `${label("isolation")} ${mode} runs each call in a ${mode === "worker" ? "worker thread" : "child process"} that loads the tools module itself, and the built-in example catalog has none: give ${label("tools")} <module>, or set ${label("isolation")} off`,
    );
  }
  return { module: resolve(cwd, config.tools), mode };
}

function readPins(file: string, cwd: string, label: SettingLabel): PinFile {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new RuntimeConfigError("pins", `${label("pins")} ${file}: no such file; create it with \`toolgate tools pin --out ${file}\``);
  try {
    return parsePinFile(readFileSync(path, "utf8"), file);
  } catch (error) {
    if (error instanceof PinFileError) throw new RuntimeConfigError("pins", error.message, { cause: error });
    throw error;
  }
}

function spotlightingFor(mode: RuntimeConfig["spotlighting"]): SpotlightingTemplate | undefined {
  if (mode === "off") return undefined;
  return mode === "delimit" ? delimitingSpotlight() : datamarkingSpotlight();
}
