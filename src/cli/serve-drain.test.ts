// `toolgate serve` stopping under load: requests in flight finish and are recorded before the stores close (no
// AuditStoreClosedError), new ones are refused; and serve.keys in the config file is relative to that file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAuditKeyPath, openAuditStore, resolveAuditKey } from "../audit/index.js";
import { openApiKeyStore } from "../server/index.js";
import type { MockUpstream } from "../server/test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "../server/test-support/mock-upstream.js";
import { openStore } from "../store/index.js";
import { openGateway } from "./serve-gateway.js";

let dir: string;
let upstream: MockUpstream;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-serve-drain-"));
  // Slow enough that every request is still waiting on the upstream when the stop begins.
  upstream = await startMockUpstream(() => ({ json: completionWith([{ id: "call_1", name: "get_order", arguments: '{"order_id":"A17"}' }]), delayMs: 400 }));
});
afterAll(async () => {
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tools = [{ type: "function", function: { name: "get_order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } } }];

describe("toolgate serve stops gracefully", () => {
  it("answers and records every request in flight, then closes the audit store; serve.keys resolves against the config file", async () => {
    const configDir = join(dir, "conf");
    mkdirSync(configDir);
    // Relative to the config file, not to the working directory (dir).
    writeFileSync(
      join(configDir, "toolgate.yaml"),
      ["audit: sqlite:audit.db", "dataDir: data", "policy: policy.yaml", "serve:", `  upstream: ${upstream.baseUrl}`, "  models: [mock-model]", "  keys: sqlite:keys.db", "  port: 0", ""].join("\n"),
    );
    writeFileSync(join(configDir, "policy.yaml"), "default: allow\nrules: []\n");
    const keyStore = await openStore(`sqlite:${join(configDir, "keys.db")}`);
    const apiKey = (await (await openApiKeyStore(keyStore)).create({ id: "alice", roles: ["user"] })).key;
    await keyStore.close();

    const gateway = await openGateway({ config: join(configDir, "toolgate.yaml") }, { cwd: dir, env: { ...process.env, TOOLGATE_AUDIT_KEY: undefined } } as never);
    const server = await gateway.listen();
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/chat/completions`;
    const ask = () =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ model: "mock-model", messages: [{ role: "user", content: "where is A17?" }], tools }),
      });
    const inFlight = Array.from({ length: 12 }, ask);
    // Stop once the upstream holds all of them.
    for (let attempt = 0; attempt < 400 && upstream.requests.length < 12; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(upstream.requests.length).toBe(12);
    const closing = gateway.close();
    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 12 }, () => 200));
    const traceIds = answers.map((answer) => answer.headers.get("x-toolgate-trace-id"));
    await closing;
    // After the stop nothing is accepted.
    await expect(ask()).rejects.toThrow();

    const auditUrl = `sqlite:${join(configDir, "audit.db")}`;
    const { signer } = resolveAuditKey({ env: {}, keyPath: defaultAuditKeyPath(auditUrl, dir), cwd: dir });
    const audit = await openAuditStore(auditUrl, { signer });
    const finished = await audit.read({ types: ["run.finished"] });
    expect(new Set(finished.map((event) => event.traceId))).toEqual(new Set(traceIds));
    expect(finished.every((event) => (event.data as { outcome: string }).outcome === "ok")).toBe(true);
    expect((await audit.verify()).ok).toBe(true);
    await audit.close();
  });
});
