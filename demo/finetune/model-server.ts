// Starts serve_model.py on a free loopback port and waits for its "listening" line; stop() ends that one process.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

export interface ModelServerOptions {
  python: string;
  script: string;
  model: string;
  chatTemplate?: string;
  maxNewTokens: number;
  threads: number;
  logRequests?: string;
  /** Loading torch and the model on a loaded 2-core machine can take a while. */
  startTimeoutMs?: number;
}

export interface ModelServer {
  /** OpenAI-compatible base URL, e.g. http://127.0.0.1:43121/v1 */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const port = await freePort();
  const args = [options.script, options.model, "--port", String(port), "--max-new-tokens", String(options.maxNewTokens), "--threads", String(options.threads)];
  if (options.chatTemplate) args.push("--chat-template", options.chatTemplate);
  if (options.logRequests) args.push("--log-requests", options.logRequests);
  const child = spawn(options.python, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OMP_NUM_THREADS: String(options.threads), TOKENIZERS_PARALLELISM: "false", PYTHONUNBUFFERED: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve_model.py did not start within ${(options.startTimeoutMs ?? 300_000) / 1000} s:\n${stderr}`));
    }, options.startTimeoutMs ?? 300_000);
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((candidate) => candidate.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        resolveUrl((JSON.parse(line) as { listening: string }).listening);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve_model.py exited (${code}) before listening:\n${stderr}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
