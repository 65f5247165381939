// Assembles the gateway `toolgate serve` runs from toolgate.yaml (via createRuntime) and flags: stores, policy, keys, limits, holds, agents.
import { dirname, isAbsolute, resolve } from "node:path";
import type { ServerType } from "@hono/node-server";
import type { RuntimeConfig } from "../runtime/index.js";
import type { CliIo } from "./cli-io.js";
import { usageError } from "./cli-error.js";
import { flagLabel } from "./flag-label.js";
import { defaultKeysUrl } from "./keys-command.js";

export interface ServeFlags {
  config?: string;
  upstream?: string;
  upstreamKeyEnv?: string;
  model?: string[];
  agent?: string[];
  port?: string;
  host?: string;
  policy?: string;
  audit?: string;
  auditDurability?: string;
  approvals?: string;
  holdApprovals?: string;
  heartbeat?: string;
  limitsStore?: string;
  keys?: string;
  untrusted?: string[];
  allowRole?: string[];
  repairRounds?: string;
  maxBody?: string;
  timeout?: string;
  workers?: string;
  /** Mount the dashboard at /ui over the gateway's stores. */
  ui?: boolean;
  evalDir?: string;
}

export interface OpenedGateway {
  host: string;
  port: number;
  /** Upstream, agents and stores, for the banner. */
  describe: string;
  listen(): Promise<ServerType>;
  /**
   * Graceful stop: stops accepting, lets the requests in flight finish and be recorded (up to `graceMs`, default 10 s;
   * then their connections are cut and they record their failure), and only then closes the stores.
   */
  close(graceMs?: number): Promise<void>;
}

const numberFlag = (value: string | undefined, flag: string, min: number): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) throw usageError(`${flag} must be a number of at least ${min}, not ${JSON.stringify(value)}`);
  return parsed;
};

export async function openGateway(flags: ServeFlags, io: CliIo): Promise<OpenedGateway> {
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const [{ serve }, server, runtimeRoom, { auditRecorder, defaultAuditKeyPath, resolveAuditKey }, { runAgent }, { createTaintTracker, defaultApprovalStoreUrl }, { openStore }] = await Promise.all([
    import("@hono/node-server"),
    import("../server/index.js"),
    import("../runtime/index.js"),
    import("../audit/index.js"),
    import("../agent/index.js"),
    import("../policy/index.js"),
    import("../store/index.js"),
  ]);
  const file: RuntimeConfig = flags.config ? runtimeRoom.loadRuntimeConfig(flags.config) : {};
  const settings = file.serve ?? {};
  // serve.keys in the file is relative to the file, as every other path there is (the runtime resolves those).
  const keysUrl = flags.keys ?? (settings.keys !== undefined && flags.config ? storeUrlRelativeTo(dirname(resolve(cwd, flags.config)), settings.keys) : settings.keys) ?? defaultKeysUrl;
  const config: RuntimeConfig = {
    ...file,
    ...(flags.policy ? { policy: flags.policy } : {}),
    ...(flags.audit ? { audit: flags.audit } : {}),
    ...(flags.approvals ? { approvals: flags.approvals } : {}),
    ...(flags.limitsStore ? { limits: { ...file.limits, counters: flags.limitsStore } } : {}),
  };
  const upstream = flags.upstream ?? settings.upstream;
  const models = flags.model ?? settings.models ?? [];
  const agents = flags.agent ?? settings.agents ?? [];
  if (!upstream && agents.length === 0) throw usageError("nothing to serve: give --upstream (guard mode) or --agent, or serve.upstream / serve.agents in --config");
  if (upstream && models.length === 0) throw usageError("guard mode needs the model names clients may ask for: --model <name> or serve.models");
  const holdSeconds = numberFlag(flags.holdApprovals, "--hold-approvals", 0) ?? settings.holdApprovals ?? 0;
  if (holdSeconds > 0 && config.approvals === undefined) throw usageError("--hold-approvals needs an approval store: --approvals <url> or approvals: in the config");
  const dataDir = runtimeRoom.resolveDataDir(config.dataDir, env, cwd);
  const durability = flags.auditDurability;
  if (durability !== undefined && durability !== "power-loss" && durability !== "process-crash") throw usageError(`--audit-durability must be power-loss or process-crash, not ${JSON.stringify(durability)}`);

  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await Promise.resolve(closeOne()).catch(() => undefined);
  };
  try {
    // The runtime assembles what the config names: policy, pins, tools, approval store, counters and, for agents, the model.
    // Guard mode asks its upstream over HTTP, so without agents no local model is loaded.
    const runtime = await runtimeRoom.createRuntime(
      { ...config, audit: false },
      { cwd, env, label: flagLabel, ...(agents.length === 0 ? { model: guardOnlyModel } : {}) },
    );
    closers.push(() => runtime.close());
    const audit = await runtimeRoom.openAuditTrail(config.audit === false ? undefined : config.audit, { dataDir, cwd, env, label: flagLabel, ...(durability ? { durability } : {}) });
    closers.push(() => audit.close());
    const keyStore = await openStore(keysUrl, { cwd, what: "key store" });
    closers.push(() => keyStore.close());

    let approvals: Parameters<typeof server.createGatewayApp>[0]["approvals"];
    if (runtime.approvals) {
      const approvalsUrl = config.approvals === true || config.approvals === undefined ? defaultApprovalStoreUrl(dataDir) : config.approvals;
      const signer = resolveAuditKey({ env, keyPath: defaultAuditKeyPath(runtime.approvals.url, cwd), cwd, create: true }).signer;
      const waiter = await server.openApprovalWaiter(runtime.approvals, approvalsUrl, { cwd });
      closers.push(() => waiter.close());
      const heartbeatSeconds = numberFlag(flags.heartbeat, "--heartbeat", 0.001);
      approvals = { store: runtime.approvals, waiter, verifier: signer.verifier, holdMs: holdSeconds * 1000, ...(heartbeatSeconds === undefined ? {} : { heartbeatMs: heartbeatSeconds * 1000 }) };
    }

    const limitRules = settings.limits ?? [];
    let limits: Parameters<typeof server.createGatewayApp>[0]["limits"];
    if (limitRules.length > 0) {
      const counters = await runtimeRoom.openCounters(config.limits?.counters, { dataDir, cwd, label: flagLabel });
      if (counters.close) closers.push(() => counters.close?.());
      limits = { store: counters, limits: limitRules.map((rule) => ({ id: rule.id, measure: rule.measure, max: rule.max, windowMs: rule.windowSeconds * 1000, per: rule.per })) };
    }

    // The dashboard at /ui over the same stores; a decision made there wakes requests held in this process at once.
    let ui: ((app: { route(path: string, sub: never): unknown }) => void) | undefined;
    if (flags.ui) {
      const { dashboardOver, openDashboardStores } = await import("./ui-command.js");
      const approvalsSetting = config.approvals === true ? undefined : config.approvals;
      const stores = await openDashboardStores(
        { keys: keysUrl, dataDir, ...(config.audit ? { audit: config.audit } : {}), ...(approvalsSetting ? { approvals: approvalsSetting } : {}) },
        io,
      );
      closers.push(() => stores.close());
      const dashboard = await dashboardOver(stores, { ...(flags.evalDir ? { evalDir: flags.evalDir } : {}), ...(approvals ? { onDecided: (id: string) => approvals!.waiter.decided(id) } : {}) });
      ui = (app) => app.route("/ui", dashboard as never);
    }

    const recorder = auditRecorder(audit, { registry: runtime.tools });
    const inFlight = server.inFlightWork();
    const upstreamKeyEnv = flags.upstreamKeyEnv ?? settings.upstreamKeyEnv;
    const upstreamKey = upstreamKeyEnv ? env[upstreamKeyEnv] : undefined;
    const app = server.createGatewayApp({
      upstream: { baseUrl: upstream ?? "", timeoutMs: numberFlag(flags.timeout, "--timeout", 1) ?? settings.timeoutMs ?? 60_000, ...(upstreamKey ? { apiKey: upstreamKey } : {}) },
      models,
      policy: runtime.governance.policy,
      audit,
      keys: await server.openApiKeyStore(keyStore),
      repairRounds: numberFlag(flags.repairRounds, "--repair-rounds", 0) ?? settings.repairRounds ?? 2,
      maxBodyBytes: numberFlag(flags.maxBody, "--max-body", 1) ?? settings.maxBodyBytes ?? 1024 * 1024,
      ...(flags.untrusted ?? settings.untrusted ? { untrustedTools: flags.untrusted ?? settings.untrusted! } : {}),
      ...(flags.allowRole ?? settings.allowRoles ? { allowedRoles: flags.allowRole ?? settings.allowRoles! } : {}),
      ...(approvals ? { approvals } : {}),
      ...(limits ? { limits } : {}),
      ...(ui ? { ui } : {}),
      inFlight,
      ...(agents.length > 0
        ? {
            agents: {
              names: agents,
              // Each request gets its own taint tracker: what one principal's run read must not taint another's.
              run: ({ messages, traceId, principal, signal }) =>
                runAgent({
                  ...runtime.loopOptions({ signal, traceId }),
                  principal,
                  ...(runtime.governance.taint ? { taint: createTaintTracker({ registry: runtime.tools }) } : {}),
                  sink: recorder,
                  messages: messages[0]?.role === "system" || runtime.system === undefined ? messages : [{ role: "system", content: runtime.system }, ...messages],
                }),
            },
          }
        : {}),
    });
    const host = flags.host ?? settings.host ?? "127.0.0.1";
    const port = numberFlag(flags.port, "--port", 0) ?? settings.port ?? 8787;
    let listening: ServerType | undefined;
    return {
      host,
      port,
      describe: [upstream ? `upstream ${upstream}` : undefined, agents.length > 0 ? `agents ${agents.map((name) => `toolgate/${name}`).join(", ")}` : undefined, `audit ${audit.url}${durability === "process-crash" ? " (durable against process crashes)" : ""}`, approvals ? `approvals held ${holdSeconds} s` : undefined]
        .filter(Boolean)
        .join(", "),
      listen: () =>
        new Promise<ServerType>((resolveListen) => {
          const started = serve({ fetch: app.fetch, port, hostname: host }, () => resolveListen(started));
          // A response counts until its last byte is out (the app counts until the request is recorded): a stop
          // cuts no connection whose answer is still being written.
          started.on("request", (_request: unknown, response: { once(event: "close", listener: () => void): void }) => response.once("close", inFlight.begin()));
          listening = started;
        }),
      async close(graceMs = 10_000) {
        if (listening) {
          const server = listening as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
          const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
          // Keep-alive connections between requests would hold the server open: closed now, and again as requests finish.
          server.closeIdleConnections?.();
          const sweep = setInterval(() => server.closeIdleConnections?.(), 50);
          const drained = await inFlight.idle(graceMs);
          clearInterval(sweep);
          // Still busy after the grace time (a long hold): cut them; each records its failure before it is released.
          if (!drained) {
            server.closeAllConnections?.();
            await inFlight.idle(5_000);
          }
          server.closeAllConnections?.();
          await closed;
        }
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function storeUrlRelativeTo(base: string, url: string): string {
  if (!url.startsWith("sqlite:") || url.startsWith("sqlite::memory:")) return url;
  const path = url.slice("sqlite:".length);
  return isAbsolute(path) ? url : `sqlite:${resolve(base, path)}`;
}

/** Guard mode never asks a local model (its upstream answers over HTTP); this keeps createRuntime from loading one. */
const guardOnlyModel = {
  id: "gateway:guard-mode",
  generate: async () => {
    throw new Error("guard mode sends requests to its upstream; no local model is configured (serve agents with serve.agents)");
  },
};
