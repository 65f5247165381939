// `toolgate serve --config toolgate.yaml`: guard mode and agent mode from one config file, with the official openai client.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiKeyStore } from "../server/index.js";
import type { MockUpstream, UpstreamReply } from "../server/test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "../server/test-support/mock-upstream.js";
import { openAuditStore, resolveAuditKey, defaultAuditKeyPath } from "../audit/index.js";
import { openStore } from "../store/index.js";
import type { OpenedGateway } from "./serve-gateway.js";
import { openGateway } from "./serve-gateway.js";

let dir: string;
let upstream: MockUpstream;
let gateway: OpenedGateway;
let baseUrl: string;
let apiKey: string;
let next: (body: Record<string, unknown>, index: number) => UpstreamReply = () => ({ json: completionWith([], "hello") });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-serve-"));
  upstream = await startMockUpstream((body, index) => next(body, index));
  writeFileSync(
    join(dir, "toolgate.yaml"),
    [
      `model: "openai-compatible:${upstream.baseUrl}#mock-model"`,
      `dataDir: ${join(dir, "data")}`,
      `audit: sqlite:${join(dir, "audit.db")}`,
      "serve:",
      `  upstream: ${upstream.baseUrl}`,
      "  models: [mock-model]",
      "  agents: [support]",
      `  keys: sqlite:${join(dir, "keys.db")}`,
      "  port: 0",
      "  limits:",
      "    - { id: per-key, measure: requests, max: 3, windowSeconds: 3600, per: key }",
      "",
    ].join("\n"),
  );
  gateway = await openGateway({ config: join(dir, "toolgate.yaml") }, { cwd: dir, env: { ...process.env, TOOLGATE_AUDIT_KEY: undefined } } as never);
  const server = await gateway.listen();
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
  const keyStore = await openStore(`sqlite:${join(dir, "keys.db")}`);
  apiKey = (await (await openApiKeyStore(keyStore)).create({ id: "alice", roles: ["support"] })).key;
  await keyStore.close();
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("toolgate serve --config", () => {
  it("runs the governed loop server-side for model toolgate/<agent>, answers, and names the run's trace in x-toolgate-trace-id", async () => {
    const before = upstream.requests.length;
    next = (_body, index) =>
      index === before ? { json: completionWith([{ id: "call_find", name: "find_customer", arguments: '{"name":"chen"}' }]) } : { json: completionWith([], "Two customers match: James Chen and Jamie Chen.") };
    const client = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: 60_000 });
    const { data, response } = await client.chat.completions.create({ model: "toolgate/support", messages: [{ role: "user", content: "who is chen?" }] }).withResponse();
    expect(data.choices[0]!.message.content).toBe("Two customers match: James Chen and Jamie Chen.");
    const traceId = response.headers.get("x-toolgate-trace-id");
    expect((data as unknown as { toolgate: { trace_id: string; calls: unknown[] } }).toolgate).toMatchObject({ trace_id: traceId, calls: [{ id: expect.any(String), name: "find_customer", status: "succeeded" }] });
    // The tool ran in the gateway: its result went back to the model in the second request.
    const toolMessage = (upstream.requests[before + 1]!.messages as Array<{ role: string; content?: string }>).find((message) => message.role === "tool");
    expect(toolMessage?.content).toContain("C-1002");
    const { signer } = resolveAuditKey({ env: {}, keyPath: defaultAuditKeyPath(`sqlite:${join(dir, "audit.db")}`, dir), cwd: dir });
    const audit = await openAuditStore(`sqlite:${join(dir, "audit.db")}`, { signer });
    const events = await audit.read({ traceId: traceId! });
    await audit.close();
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(["run.started", "call.executed", "run.finished"]));
    expect((await client.models.list()).data.map((model) => model.id)).toEqual(["mock-model", "toolgate/support"]);
  });

  it("serves guard mode from the same file and applies its per-key limit (429 with Retry-After)", async () => {
    next = () => ({ json: completionWith([], "guarded") });
    const client = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0 });
    // The agent request above took one of the key's 3 per hour (listing models is not limited).
    expect((await client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "hi" }] })).choices[0]!.message.content).toBe("guarded");
    expect((await client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "hi" }] })).choices[0]!.message.content).toBe("guarded");
    const error = await client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toMatch(/^\d+$/);
  });

  it("mounts the dashboard at /ui with --ui, behind its own sign-in", async () => {
    const withUi = await openGateway({ config: join(dir, "toolgate.yaml"), ui: true }, { cwd: dir, env: process.env } as never);
    try {
      const server = await withUi.listen();
      const root = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const page = await fetch(`${root}/ui/`, { redirect: "manual" });
      expect(page.status).toBe(401);
      expect(await page.json()).toEqual({ error: "not signed in", signIn: "/ui/sign-in" });
      expect((await fetch(`${root}/ui/sign-in`)).status).toBe(200);
    } finally {
      await withUi.close();
    }
  });

  it("refuses a config that serves nothing, naming what to add", async () => {
    writeFileSync(join(dir, "empty.yaml"), "serve: {}\n");
    await expect(openGateway({ config: join(dir, "empty.yaml") }, { cwd: dir, env: process.env } as never)).rejects.toThrow(/nothing to serve: give --upstream/);
  });

  it("takes --audit-durability process-crash (named in the banner) and refuses any other level", async () => {
    const io = { cwd: dir, env: { ...process.env, TOOLGATE_AUDIT_KEY: undefined } } as never;
    await expect(openGateway({ config: join(dir, "toolgate.yaml"), auditDurability: "sometimes" }, io)).rejects.toThrow(/--audit-durability must be power-loss or process-crash, not "sometimes"/);
    const relaxed = await openGateway({ config: join(dir, "toolgate.yaml"), audit: `sqlite:${join(dir, "relaxed-audit.db")}`, auditDurability: "process-crash" }, io);
    await relaxed.close();
    expect(relaxed.describe).toMatch(/audit sqlite:.*relaxed-audit\.db \(durable against process crashes\)/);
  });
});
