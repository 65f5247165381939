// `serve.workers` in the config file: a real `toolgate serve --config` process forks that many workers sharing one port and
// one SQLite audit file; every answered request is in the trail, the chain verifies, and SIGTERM stops them all.
import { fork } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultAuditKeyPath, openAuditStore, resolveAuditKey } from "../audit/index.js";
import { openApiKeyStore } from "../server/index.js";
import type { MockUpstream } from "../server/test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "../server/test-support/mock-upstream.js";
import { openStore } from "../store/index.js";

let dir: string;
let upstream: MockUpstream;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-serve-workers-"));
  upstream = await startMockUpstream(() => ({ json: completionWith([{ id: "call_1", name: "get_order", arguments: '{"order_id":"A17"}' }]), delayMs: 20 }));
});
afterAll(async () => {
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Waits for `promise`, failing with the phase's name if it takes longer than `ms`: the test's budget is generous because
 * three processes load the CLI from sources through tsx at once (a cold transform cache on a busy CI machine takes tens
 * of seconds), and a named phase says which step hung if one ever does.
 */
function within<T>(phase: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${phase}: nothing after ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Pids of a process's children, from /proc (undefined where there is none). */
function childPids(pid: number): number[] | undefined {
  const path = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(path)) return undefined;
  return readFileSync(path, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

it("serve --config with serve.workers: 2 runs two workers on one port, records every answered request, and stops on SIGTERM", async () => {
  writeFileSync(
    join(dir, "toolgate.yaml"),
    ["audit: sqlite:audit.db", "dataDir: data", "policy: policy.yaml", "serve:", `  upstream: ${upstream.baseUrl}`, "  models: [mock-model]", "  keys: sqlite:keys.db", "  port: 0", "  workers: 2", ""].join("\n"),
  );
  writeFileSync(join(dir, "policy.yaml"), "default: allow\nrules: []\n");
  const keyStore = await openStore(`sqlite:${join(dir, "keys.db")}`);
  const apiKey = (await (await openApiKeyStore(keyStore)).create({ id: "alice", roles: ["user"] })).key;
  await keyStore.close();

  const child = fork(fileURLToPath(new URL("./test-support/serve-process.ts", import.meta.url)), ["serve", "--config", "toolgate.yaml"], {
    cwd: dir,
    env: { ...process.env, TOOLGATE_AUDIT_KEY: undefined, TOOLGATE_HOME: join(dir, "home") },
    // By file URL: the child runs in the temporary directory, where the bare name `tsx` does not resolve.
    execArgv: ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    // Its own process group, so a failing test stops the primary and both workers together (none left holding vitest open).
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    const line = await within("starting the primary and two workers", 150_000, new Promise<string>((resolve, reject) => {
      let text = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("\n")) resolve(text.trim());
      });
      child.once("exit", (code) => reject(new Error(`toolgate serve exited with ${code}: ${text}`)));
    }));
    // The flag was not given: the number of workers came from the config file.
    expect(line).toMatch(/^toolgate gateway listening on http:\/\/127\.0\.0\.1:\d+\/v1 .* with 2 workers$/);
    const children = childPids(child.pid!);
    if (children !== undefined) expect(children).toHaveLength(2);
    const url = `${/http:\/\/127\.0\.0\.1:\d+\/v1/.exec(line)![0]}/chat/completions`;

    const tools = [{ type: "function", function: { name: "get_order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } } }];
    const answers = await within("24 requests", 60_000, Promise.all(
      Array.from({ length: 24 }, async () => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ model: "mock-model", messages: [{ role: "user", content: "where is A17?" }], tools }),
        });
        const body = (await response.json()) as { choices: Array<{ message: { tool_calls?: Array<{ function: { name: string } }> } }> };
        return { status: response.status, traceId: response.headers.get("x-toolgate-trace-id"), tool: body.choices[0]?.message.tool_calls?.[0]?.function.name };
      }),
    ));
    expect(answers.map((answer) => [answer.status, answer.tool])).toEqual(Array.from({ length: 24 }, () => [200, "get_order"]));

    child.kill("SIGTERM");
    expect(await within("stopping on SIGTERM", 60_000, exited)).toBe(0);
    // Both workers appended to one file: each answered request is in the trail once, and the chain verifies.
    const auditUrl = `sqlite:${join(dir, "audit.db")}`;
    const { signer } = resolveAuditKey({ env: {}, keyPath: defaultAuditKeyPath(auditUrl, dir), cwd: dir });
    const audit = await openAuditStore(auditUrl, { signer, cwd: dir });
    try {
      const finished = (await audit.read({ types: ["run.finished"] })).map((event) => event.traceId).sort();
      expect(finished).toEqual(answers.map((answer) => answer.traceId).sort());
      expect((await audit.verify()).ok).toBe(true);
    } finally {
      await audit.close();
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  }
}, 300_000);
