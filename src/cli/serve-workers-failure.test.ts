// `serve --workers N` whose workers cannot start must fail with the workers' error, not wait forever for them to
// listen: a worker that failed used to stay alive on its IPC channel, so the primary never saw it exit.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const cliEntry = fileURLToPath(new URL("../mcp/test-support/toolgate-cli.ts", import.meta.url));
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("serve --workers when the workers cannot start", () => {
  it("exits 1 with the workers' error instead of hanging", async () => {
    dir = mkdtempSync(join(tmpdir(), "toolgate-serve-workers-failure-"));
    const config = join(dir, "toolgate.yaml");
    // The primary only reads serve.workers; the bad key store URL fails in each worker as it opens the gateway.
    writeFileSync(config, [`dataDir: ${join(dir, "data")}`, `audit: sqlite:${join(dir, "audit.db")}`, "serve:", "  upstream: http://127.0.0.1:9/v1", "  models: [m]", "  keys: bogus://nowhere", "  workers: 2", ""].join("\n"));
    const child = spawn(process.execPath, ["--import", "tsx", cliEntry, "serve", "--config", config, "--port", "0"], { env: { PATH: process.env.PATH ?? "", HOME: dir }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      // Generous: three processes load the CLI from sources through tsx at once, slow on a busy machine with a cold cache.
      const hung = setTimeout(() => child.kill("SIGKILL"), 150_000);
      child.on("exit", (exitCode) => {
        clearTimeout(hung);
        resolve(exitCode);
      });
    });
    expect(code, output).toBe(1);
    expect(output).toContain('unknown key store URL "bogus://nowhere"');
    expect(output).toContain("a gateway worker exited");
  }, 170_000);
});
