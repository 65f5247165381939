// `toolgate serve`: the OpenAI-compatible gateway (guard mode, agent mode) on loopback by default, until SIGINT/SIGTERM.
import cluster from "node:cluster";
import { resolve } from "node:path";
import type { Command } from "commander";
import { CliError, exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { defaultKeysUrl } from "./keys-command.js";
import type { ServeFlags } from "./serve-gateway.js";
import { openGateway } from "./serve-gateway.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServeCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  program
    .command("serve")
    .description("run the OpenAI-compatible gateway: every tool call an upstream model proposes is judged before the client sees it")
    .option("--config <file>", "toolgate.yaml: its serve section, stores, policy, model and tools (flags override it)")
    .option("--upstream <url>", "the upstream's OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1")
    .option("--upstream-key-env <name>", "environment variable holding the upstream's API key")
    .option("--model <name>", "a model name clients may ask for (repeatable)", collect)
    .option("--agent <name>", "serve the governed loop as model toolgate/<name> with the config's model and tools (repeatable)", collect)
    .option("--port <port>", "port to listen on (0: any free port; default 8787)")
    .option("--host <host>", "interface to listen on (default 127.0.0.1)")
    .option("--policy <file>", "policy file (default: the built-in strict policy)")
    .option("--audit <url>", "audit store (sqlite:<path> or postgres://…?schema=…; default sqlite:.toolgate/audit.db)")
    .option(
      "--audit-durability <level>",
      "power-loss (default): an answered request's audit events are on disk (fsync) before the answer; process-crash: handed to the OS (SQLite) or the database server without waiting for its disk, which survives kill -9 of the gateway but not a machine or database-server crash",
    )
    .option("--approvals <url>", "approval store for calls needing a person (toolgate approvals decides them)")
    .option("--hold-approvals <seconds>", "hold a request whose call needs approval this long for the decision (default 0: returned pending)")
    .option("--heartbeat <seconds>", "while a request is held: a keep-alive byte this often, so proxies keep the connection (default 15)")
    .option("--limits-store <url>", "where rate limits and budgets count (sqlite:<path> or postgres://…)")
    .option("--keys <url>", `API key store (toolgate keys create; default ${defaultKeysUrl})`)
    .option("--untrusted <tool>", "a client tool whose results carry outside text (repeatable)", collect)
    .option("--allow-role <role>", "admit only keys with this role (repeatable)", collect)
    .option("--repair-rounds <n>", "rounds an invalid call goes back to the upstream (default 2)")
    .option("--max-body <bytes>", "largest request body (default 1 MiB)")
    .option("--timeout <ms>", "per-request upstream timeout (default 60000)")
    .option("--workers <n>", "processes sharing the port (node:cluster; default 1)")
    .option("--ui", "mount the dashboard at /ui over the same stores (sign in with an API key)")
    .option("--eval-dir <dir>", "with --ui: evaluation reports the dashboard shows")
    .action(async (flags: ServeFlags) => {
      const cwd = io.cwd ?? process.cwd();
      const workers = Number(flags.workers ?? (flags.config ? await configuredWorkers(resolve(cwd, flags.config)) : undefined) ?? 1);
      if (!Number.isInteger(workers) || workers < 1) throw usageError(`--workers must be a whole number of at least 1, not ${flags.workers}`);
      if (workers > 1 && cluster.isPrimary) {
        await runPrimary(workers, io);
        done(exitCodes.ok);
        return;
      }
      const { gateway, server } = await startGateway(flags, cwd, io).catch((error: unknown) => {
        // A worker that cannot start (bad config, port in use) must exit, so the primary sees it and fails instead of
        // waiting for it to listen: its IPC channel to the primary would otherwise keep it alive after the error is reported.
        if (cluster.isWorker) {
          process.exitCode = exitCodes.runtime;
          setImmediate(() => process.connected && process.disconnect());
        }
        throw error;
      });
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : gateway.port;
      const line = `toolgate gateway listening on http://${gateway.host}:${port}/v1 (${gateway.describe})`;
      if (cluster.isWorker) process.send?.({ listening: line });
      else writeLine(io.stdout, line);
      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        // A worker also stops when the primary goes away.
        if (cluster.isWorker) process.once("disconnect", stop);
      });
      // Stop accepting, let requests in flight finish and be recorded, then close the stores (no append after close).
      await gateway.close();
      // A worker's IPC channel to the primary keeps its event loop alive after the gateway closed: let go of it so the
      // process exits (without this, `serve --workers N` ignored SIGTERM until a second one).
      if (cluster.isWorker && process.connected) process.disconnect();
      done(exitCodes.ok);
    });
}

/** Opens the gateway and starts listening: everything that can fail before the process serves. */
async function startGateway(flags: ServeFlags, cwd: string, io: CliIo) {
  const gateway = await openGateway({ ...flags, ...(flags.config ? { config: resolve(cwd, flags.config) } : {}) }, io);
  return { gateway, server: await gateway.listen() };
}

/** serve.workers from the config file (the flag wins); read before forking, since only workers open the gateway. */
async function configuredWorkers(configPath: string): Promise<number | undefined> {
  const { loadRuntimeConfig } = await import("../runtime/index.js");
  return loadRuntimeConfig(configPath).serve?.workers;
}

/** Forks the workers (each runs this same command and shares the port), prints one line once all listen, and stops them together. */
async function runPrimary(workers: number, io: CliIo): Promise<void> {
  const lines: string[] = [];
  const children = Array.from({ length: workers }, () => cluster.fork());
  await new Promise<void>((resolveAll, rejectAll) => {
    for (const child of children) {
      child.on("message", (message: { listening?: string }) => {
        if (message.listening) lines.push(message.listening);
        if (lines.length === workers) resolveAll();
      });
      child.once("exit", (code) => {
        if (lines.length < workers) rejectAll(new CliError("runtime", `a gateway worker exited with code ${code} before listening`));
      });
    }
  });
  writeLine(io.stdout, `${lines[0]} with ${workers} workers`);
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      for (const child of children) child.process.kill("SIGTERM");
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    let left = workers;
    for (const child of children) child.once("exit", () => --left === 0 && resolveStop());
  });
}
