// `toolgate serve`: the OpenAI-compatible gateway (guard mode) on loopback by default, until SIGINT/SIGTERM.
import type { Command } from "commander";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { defaultKeysUrl } from "./keys-command.js";

interface ServeOptions {
  upstream: string;
  upstreamKeyEnv?: string;
  model: string[];
  port: string;
  host: string;
  policy?: string;
  audit: string;
  keys: string;
  untrusted?: string[];
  allowRole?: string[];
  repairRounds: string;
  maxBody: string;
  timeout: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServeCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  program
    .command("serve")
    .description("run the OpenAI-compatible gateway: every tool call an upstream model proposes is judged before the client sees it")
    .requiredOption("--upstream <url>", "the upstream's OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1")
    .option("--upstream-key-env <name>", "environment variable holding the upstream's API key")
    .requiredOption("--model <name>", "a model name clients may ask for (repeatable)", collect)
    .option("--port <port>", "port to listen on (0: any free port)", "8787")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--policy <file>", "policy file (default: the built-in strict policy)")
    .option("--audit <url>", "audit store (sqlite:<path> or postgres://…?schema=…)", "sqlite:.toolgate/audit.db")
    .option("--keys <url>", "API key store (toolgate keys create)", defaultKeysUrl)
    .option("--untrusted <tool>", "a client tool whose results carry outside text (repeatable)", collect)
    .option("--allow-role <role>", "admit only keys with this role (repeatable)", collect)
    .option("--repair-rounds <n>", "rounds an invalid call goes back to the upstream", "2")
    .option("--max-body <bytes>", "largest request body", String(1024 * 1024))
    .option("--timeout <ms>", "per-request upstream timeout", "60000")
    .action(async (options: ServeOptions) => {
      const cwd = io.cwd ?? process.cwd();
      const env = io.env ?? process.env;
      const [{ serve }, { createGatewayApp, openApiKeyStore }, audit, policy, { openStore }] = await Promise.all([
        import("@hono/node-server"),
        import("../server/index.js"),
        import("../audit/index.js"),
        import("../policy/index.js"),
        import("../store/index.js"),
      ]);
      const auditKey = audit.resolveAuditKey({ env, keyPath: audit.defaultAuditKeyPath(options.audit, cwd), cwd });
      const auditStore = await audit.openAuditStore(options.audit, { signer: auditKey.signer, cwd });
      const keyStore = await openStore(options.keys, { cwd, what: "key store" });
      const clock = { clock: () => new Date() };
      const upstreamKey = options.upstreamKeyEnv ? env[options.upstreamKeyEnv] : undefined;
      const app = createGatewayApp({
        upstream: { baseUrl: options.upstream, timeoutMs: Number(options.timeout), ...(upstreamKey ? { apiKey: upstreamKey } : {}) },
        models: options.model,
        policy: options.policy ? policy.loadPolicy(options.policy, clock) : policy.defaultPolicy(clock),
        audit: auditStore,
        keys: await openApiKeyStore(keyStore),
        repairRounds: Number(options.repairRounds),
        maxBodyBytes: Number(options.maxBody),
        ...(options.untrusted ? { untrustedTools: options.untrusted } : {}),
        ...(options.allowRole ? { allowedRoles: options.allowRole } : {}),
      });
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const started = serve({ fetch: app.fetch, port: Number(options.port), hostname: options.host }, () => resolve(started));
      });
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : Number(options.port);
      writeLine(io.stdout, `toolgate gateway listening on http://${options.host}:${port}/v1 (upstream ${options.upstream}, audit ${auditStore.url})`);
      await new Promise<void>((resolve) => {
        const stop = () => server.close(() => resolve());
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await auditStore.close();
      await keyStore.close();
      done(exitCodes.ok);
    });
}
