// kill -9 of a gateway under load: every request it acknowledged is in the audit trail, and the chain verifies.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openAuditStore } from "../audit/index.js";
import { testSigner } from "./test-support/gateway-fixture.js";
import type { MockUpstream } from "./test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "./test-support/mock-upstream.js";

let dir: string;
let upstream: MockUpstream;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-gateway-crash-"));
  upstream = await startMockUpstream(() => ({ json: completionWith([{ id: "call_1", name: "get_order", arguments: '{"order_id":"A17"}' }]), delayMs: 5 }));
});
afterAll(async () => {
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

// "process-crash" commits without fsync (SQLite synchronous=NORMAL): the process dying must still lose nothing it acknowledged.
it.each(["power-loss", "process-crash"] as const)("loses no acknowledged request from the audit trail when the gateway is killed with SIGKILL mid-load (durability %s)", async (durability) => {
  const auditPath = join(dir, `audit-${durability}.db`);
  const child = fork(fileURLToPath(new URL("./test-support/gateway-child.ts", import.meta.url)), [upstream.baseUrl, auditPath, join(dir, `keys-${durability}.db`), durability], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const { baseUrl, key } = await new Promise<{ baseUrl: string; key: string }>((resolve) => child.once("message", resolve as never));
  const body = JSON.stringify({ model: "mock-model", messages: [{ role: "user", content: "order A17?" }], tools: [{ type: "function", function: { name: "get_order", parameters: { type: "object", properties: { order_id: { type: "string" } } } } }] });
  const acknowledged: string[] = [];
  let stop = false;
  // Eight clients in a loop; each trace id the gateway answered 200 for is an acknowledged request.
  const client = async () => {
    while (!stop) {
      try {
        const response = await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
        await response.text();
        if (response.status === 200) acknowledged.push(response.headers.get("x-toolgate-trace-id")!);
      } catch {
        return; // the gateway is gone
      }
    }
  };
  const clients = Array.from({ length: 8 }, client);
  while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill("SIGKILL");
  stop = true;
  await Promise.all(clients);
  await exited;

  const audit = await openAuditStore(`sqlite:${auditPath}`, { signer: testSigner });
  try {
    const report = await audit.verify();
    expect(report.ok).toBe(true);
    const finished = new Set((await audit.read({})).filter((event) => event.type === "run.finished").map((event) => event.traceId));
    const missing = acknowledged.filter((traceId) => !finished.has(traceId));
    expect(missing).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  } finally {
    await audit.close();
  }
}, 120_000);
