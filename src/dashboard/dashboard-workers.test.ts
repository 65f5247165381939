// `toolgate serve --ui --workers 2` (a spawned CLI, node:cluster): a dashboard session signed in on one worker is
// honoured by the other, because sessions live in the key store, and revoking the key ends it on every worker.
// Each request opens its own connection, so the cluster's round-robin spreads them over both workers.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiKeyStore } from "../server/index.js";
import { openStore } from "../store/index.js";

const cliEntry = fileURLToPath(new URL("../mcp/test-support/toolgate-cli.ts", import.meta.url));
let dir: string;
let child: ChildProcess;
let port: number;
let key: string;
let keyId: string;

/** One request on a fresh connection (no keep-alive), so the cluster may hand it to either worker. */
function fresh(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: { connection: "close", ...init.headers }, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port: found } = probe.address() as AddressInfo;
      probe.close(() => resolve(found));
    });
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-dashboard-workers-"));
  const keyStore = await openStore(`sqlite:${join(dir, "keys.db")}`);
  const created = await (await openApiKeyStore(keyStore)).create({ id: "vera", roles: ["viewer"] });
  await keyStore.close();
  key = created.key;
  keyId = created.info.id;
  port = await freePort();
  writeFileSync(
    join(dir, "toolgate.yaml"),
    [`dataDir: ${join(dir, "data")}`, `audit: sqlite:${join(dir, "audit.db")}`, "serve:", "  upstream: http://127.0.0.1:9/v1", "  models: [unused-model]", `  keys: sqlite:${join(dir, "keys.db")}`, ""].join("\n"),
  );
  child = spawn(process.execPath, ["--import", "tsx", cliEntry, "serve", "--config", join(dir, "toolgate.yaml"), "--ui", "--workers", "2", "--port", String(port)], {
    env: { PATH: process.env.PATH ?? "", HOME: dir },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so the primary and both workers are stopped together at the end.
    detached: true,
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("with 2 workers")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
}, 120_000);
afterAll(async () => {
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    // Workers that have closed their gateway may still linger on the cluster channel: end the group if so.
    const lingering = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 8_000);
    await exited;
    clearTimeout(lingering);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("dashboard sessions across serve --workers", () => {
  it("keeps a session signed in on one worker valid on every worker, and ends it everywhere when the key is revoked", async () => {
    const signInPage = await fresh("/ui/sign-in");
    const signInCookie = String((signInPage.headers["set-cookie"] as string[])[0]).split(";")[0]!;
    const token = /name="_signin" value="([^"]+)"/.exec(signInPage.body)![1]!;
    // The sign-in form's double-submit cookie is checked statelessly, so it does not matter which worker answers.
    const signedIn = await fresh("/ui/sign-in", { method: "POST", headers: { cookie: signInCookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _signin: token, key }).toString() });
    expect(signedIn.status).toBe(303);
    const session = (signedIn.headers["set-cookie"] as string[]).find((line) => line.startsWith("toolgate_session="))!.split(";")[0]!;

    const statuses: number[] = [];
    for (let round = 0; round < 8; round++) statuses.push((await fresh("/ui/api/runs", { headers: { cookie: session, accept: "application/json" } })).status);
    expect(statuses).toEqual(new Array(8).fill(200));

    const keyStore = await openStore(`sqlite:${join(dir, "keys.db")}`);
    expect(await (await openApiKeyStore(keyStore)).revoke(keyId)).toBe(true);
    await keyStore.close();
    const after: number[] = [];
    for (let round = 0; round < 4; round++) after.push((await fresh("/ui/api/runs", { headers: { cookie: session, accept: "application/json" } })).status);
    expect(after).toEqual([401, 401, 401, 401]);
  }, 60_000);

  it("stops the primary and every worker when only the primary gets SIGTERM", async () => {
    const group = child.pid!;
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    // Workers close their gateway and let go of the cluster channel; poll until none of the group is left.
    const groupAlive = () => {
      try {
        process.kill(-group, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (groupAlive()) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(groupAlive()).toBe(false);
  }, 60_000);
});
