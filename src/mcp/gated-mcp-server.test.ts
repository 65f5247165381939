// The official MCP SDK client against `toolgate mcp serve`: over stdio (a spawned CLI) and streamable HTTP on loopback.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { capturedIo } from "../cli/test-support/captured-io.js";
import { createGate } from "../gate/index.js";
import { defaultPolicy } from "../policy/index.js";
import { loadTools } from "../runtime/index.js";
import type { LoadedTools } from "../runtime/index.js";
import { createGatedMcpServer, serveMcpHttp } from "./index.js";
import type { McpHttpServer } from "./index.js";

const cliEntry = fileURLToPath(new URL("./test-support/toolgate-cli.ts", import.meta.url));
const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

describe("toolgate mcp serve --stdio (spawned CLI, SDK client)", () => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-mcp-stdio-"));
  const callLog = join(dir, "calls.jsonl");
  const client = new Client({ name: "test-client", version: "1.0.0" });

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", "tsx", cliEntry, "mcp", "serve", "--stdio", "--data-dir", dir, "--call-log", callLog, "--principal", "support-agent"],
      env: { PATH: process.env.PATH ?? "", HOME: dir },
      stderr: "pipe",
    });
    await client.connect(transport);
  }, 30_000);
  afterAll(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the example catalog with risk as MCP annotations", async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain("find_customer");
    expect(names).toContain("close_account");
    expect(tools.find((tool) => tool.name === "find_customer")?.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((tool) => tool.name === "close_account")?.annotations?.destructiveHint).toBe(true);
    expect(tools.find((tool) => tool.name === "find_customer")?.inputSchema.type).toBe("object");
  });

  it("runs an allowed call through the gate and records it", async () => {
    const result = (await client.callTool({ name: "find_customer", arguments: { name: "maria" } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(textOf(result).toLowerCase()).toContain("maria");
    const meta = result._meta?.toolgate as { status: string; verdicts: Array<{ stage: string; outcome: string }> };
    expect(meta.status).toBe("succeeded");
    expect(meta.verdicts.map((verdict) => verdict.stage)).toEqual(expect.arrayContaining(["validate", "policy", "execute"]));
    // The call log is written before the answer goes back.
    const logged = readFileSync(callLog, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { toolName: string; status: string });
    expect(logged.at(-1)).toMatchObject({ toolName: "find_customer", status: "succeeded" });
  });

  it("records every call, run or refused, to the signed audit trail of its data directory", async () => {
    const allowed = (await client.callTool({ name: "find_customer", arguments: { name: "maria" } })) as CallToolResult;
    const refused = (await client.callTool({ name: "close_account", arguments: { customer_id: "C-1001", reason: "test" } })) as CallToolResult;
    const traceId = (allowed._meta?.toolgate as { traceId: string }).traceId;
    expect((refused._meta?.toolgate as { traceId: string }).traceId).toBe(traceId);
    const audit = `sqlite:${join(dir, "audit.db")}`;
    const verify = capturedIo({ cwd: dir, env: { HOME: dir } });
    const verified = await main(["audit", "verify", "--audit", audit], verify);
    expect(verified, verify.err() + verify.out()).toBe(0);
    const show = capturedIo({ cwd: dir, env: { HOME: dir } });
    expect(await main(["audit", "show", traceId, "--audit", audit, "--json"], show)).toBe(0);
    const shown = show.out();
    expect(shown).toContain("find_customer");
    expect(shown).toContain("close_account");
    expect(shown).toMatch(/approval/);
  });

  it("answers invalid arguments with a located validation error, not a crash", async () => {
    const result = (await client.callTool({ name: "find_customer", arguments: { name: 42 } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^toolgate invalid_arguments: .*name/);
  });

  it("answers a call needing approval with approval_required and never runs it", async () => {
    const result = (await client.callTool({ name: "close_account", arguments: { customer_id: "C-1001", reason: "customer asked" } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^toolgate approval_required: /);
    const meta = result._meta?.toolgate as { status: string; verdicts: Array<{ stage: string }> };
    expect(meta.status).toBe("rejected");
    expect(meta.verdicts.map((verdict) => verdict.stage)).not.toContain("execute");
  });

  it("refuses an unknown tool with the closest names", async () => {
    const result = (await client.callTool({ name: "find_customr", arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("find_customer");
  });
});

describe("streamable HTTP on loopback (SDK client)", () => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-mcp-http-"));
  let loaded: LoadedTools;
  let http: McpHttpServer;

  beforeAll(async () => {
    loaded = await loadTools({ dataDir: dir, cwd: dir });
    const gate = createGate({ registry: loaded.registry, policy: defaultPolicy() });
    http = await serveMcpHttp(() => createGatedMcpServer({ registry: loaded.registry, gate }), { port: 0 });
  });
  afterAll(async () => {
    await http.close();
    loaded.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves two clients at once, each call gated", async () => {
    const clients = [new Client({ name: "a", version: "1" }), new Client({ name: "b", version: "1" })];
    await Promise.all(clients.map((client) => client.connect(new StreamableHTTPClientTransport(new URL(http.url)))));
    const [listed, found] = await Promise.all([clients[0]!.listTools(), clients[1]!.callTool({ name: "find_customer", arguments: { name: "maria" } })]);
    expect(listed.tools.length).toBe(loaded.registry.tools.length);
    expect((found as CallToolResult).isError).toBeFalsy();
    const denied = (await clients[0]!.callTool({ name: "close_account", arguments: { customer_id: "C-1001", reason: "customer asked" } })) as CallToolResult;
    expect(textOf(denied)).toMatch(/^toolgate approval_required: /);
    await Promise.all(clients.map((client) => client.close()));
  });

  it("refuses a request outside a session, an unknown session, other methods and other paths with a clear status", async () => {
    const outside = await fetch(http.url);
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain("the first request of a session must be initialize");
    const unknown = await fetch(http.url, { headers: { "mcp-session-id": "no-such-session" } });
    expect(unknown.status).toBe(404);
    expect((await fetch(http.url, { method: "PUT" })).status).toBe(405);
    expect((await fetch(http.url.replace("/mcp", "/other"), { method: "POST" })).status).toBe(404);
  });
});
