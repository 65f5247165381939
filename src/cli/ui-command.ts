// `toolgate ui`: the dashboard on its own (the same app `toolgate serve` mounts at /ui), on loopback by default.
import type { Command } from "commander";
import type { Hono } from "hono";
import type { ChainedAuditStore } from "../audit/index.js";
import type { ApprovalStore } from "../policy/index.js";
import type { ApiKeyStore } from "../server/index.js";
import type { OpenedStore } from "../store/index.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { flagLabel } from "./flag-label.js";
import { defaultKeysUrl } from "./keys-command.js";

interface UiOptions {
  audit?: string;
  approvals?: string;
  keys: string;
  index?: string;
  evalDir?: string;
  dataDir?: string;
  port: string;
  host: string;
  secureCookies?: boolean;
}

/** The stores the dashboard reads, opened; `close` closes every one of them. */
export interface DashboardStores {
  audit: ChainedAuditStore;
  approvals: ApprovalStore;
  keys: ApiKeyStore;
  /** The store the keys live in; dashboard sessions live beside them, so every worker and replica on it shares them. */
  keyStore: OpenedStore;
  index: OpenedStore;
  close(): Promise<void>;
}

/** Opens the dashboard's stores from URLs as the other commands name them (audit and approvals sign with the deployment key). */
export async function openDashboardStores(options: { audit?: string; approvals?: string; keys: string; index?: string; dataDir?: string }, io: CliIo): Promise<DashboardStores> {
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const [{ openApiKeyStore }, { openApprovals, openAuditTrail, resolveDataDir }, { openStore, sqliteUrlIn }] = await Promise.all([import("../server/index.js"), import("../runtime/index.js"), import("../store/index.js")]);
  const dataDir = resolveDataDir(options.dataDir, env, cwd);
  const opened: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    for (const store of opened.reverse()) await store.close().catch(() => undefined);
  };
  try {
    const audit = await openAuditTrail(options.audit, { dataDir, cwd, env, label: flagLabel });
    opened.push(audit);
    const approvals = await openApprovals(options.approvals, { dataDir, cwd, env, access: "decide", label: flagLabel });
    opened.push(approvals);
    const keyStore = await openStore(options.keys, { cwd, what: "key store" });
    opened.push(keyStore);
    const index = await openStore(options.index ?? sqliteUrlIn(dataDir, "dashboard.db"), { cwd, what: "dashboard index" });
    opened.push(index);
    return { audit, approvals, keys: await openApiKeyStore(keyStore), keyStore, index, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The dashboard app over opened stores; mount it at `base` (default /ui). */
export async function dashboardOver(stores: DashboardStores, options: { evalDir?: string; base?: string; onDecided?: (approvalId: string) => void; secureCookies?: boolean } = {}): Promise<Hono> {
  const { createDashboardApp, openRunIndex, openSessionStore } = await import("../dashboard/index.js");
  const runIndex = await openRunIndex(stores.index.sql, stores.audit);
  return createDashboardApp({
    audit: stores.audit,
    approvals: stores.approvals,
    keys: stores.keys,
    sessions: await openSessionStore(stores.keyStore.sql),
    runIndex,
    ...(options.evalDir ? { evalDir: options.evalDir } : {}),
    ...(options.base ? { base: options.base } : {}),
    ...(options.onDecided ? { onDecided: options.onDecided } : {}),
    ...(options.secureCookies ? { secureCookies: true } : {}),
  }) as unknown as Hono;
}

export function registerUiCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  program
    .command("ui")
    .description("the dashboard in a browser: runs and traces, approvals, audit chain, evaluation (the app serve mounts at /ui)")
    .option("--audit <url>", "audit store (default: sqlite:<data dir>/audit.db)")
    .option("--approvals <url>", "approval store (default: sqlite:<data dir>/approvals.db)")
    .option("--keys <url>", "API key store people sign in with (toolgate keys create --role viewer|approver|admin)", defaultKeysUrl)
    .option("--index <url>", "where the runs list keeps its index (default: sqlite:<data dir>/dashboard.db)")
    .option("--eval-dir <dir>", "folder of `eval run --out` reports for the Evaluation page")
    .option("--data-dir <dir>", "where the default stores live (default: $TOOLGATE_HOME, else .toolgate)")
    .option("--port <port>", "port to listen on (0: any free port)", "8788")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--secure-cookies", "mark the session cookie Secure (when a TLS proxy sits in front)")
    .action(async (options: UiOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port ${options.port}: use a port number from 0 to 65535`);
      const [{ serve }, { Hono }] = await Promise.all([import("@hono/node-server"), import("hono")]);
      const stores = await openDashboardStores(options, io);
      const app = new Hono();
      app.route("/ui", await dashboardOver(stores, { ...(options.evalDir ? { evalDir: options.evalDir } : {}), ...(options.secureCookies ? { secureCookies: true } : {}) }));
      app.get("/", (c) => c.redirect("/ui/", 302));
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const started = serve({ fetch: app.fetch, port, hostname: options.host }, () => resolve(started));
      });
      const address = server.address();
      const listening = typeof address === "object" && address ? address.port : port;
      writeLine(io.stdout, `toolgate dashboard on http://${options.host}:${listening}/ui/ (audit ${stores.audit.url}, approvals ${stores.approvals.url})`);
      await new Promise<void>((resolve) => {
        const stop = () => server.close(() => resolve());
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await stores.close();
      done(exitCodes.ok);
    });
}
