// Pending approvals answered by MCP elicitation: the official SDK client declares the elicitation capability, toolgate
// asks it mid tools/call over streamable HTTP, and the answer becomes a signed grant in a real SQLite approval store.
// A client without the capability gets the clear approval_required error, and the request waits in the store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult, ElicitRequest, ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditSigner } from "../audit/index.js";
import { createGate } from "../gate/index.js";
import type { ApprovalStore } from "../policy/index.js";
import { checkGrant, defaultPolicy, openApprovalStore } from "../policy/index.js";
import type { CallRecord } from "../record/index.js";
import { loadTools } from "../runtime/index.js";
import type { LoadedTools } from "../runtime/index.js";
import { createGatedMcpServer, elicitingApprover, serveMcpHttp } from "./index.js";
import type { McpHttpServer } from "./index.js";

const signer = createAuditSigner({ hmacSecret: "mcp-elicitation-test-deployment-key-0123" });
const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;
const closeAccount = { name: "close_account", arguments: { customer_id: "C-1001", reason: "customer asked" } };

let dir: string;
let loaded: LoadedTools;
let store: ApprovalStore;
let http: McpHttpServer;
const records: CallRecord[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-mcp-elicit-"));
  loaded = await loadTools({ dataDir: dir, cwd: dir });
  store = await openApprovalStore(`sqlite:${join(dir, "approvals.db")}`, { signer });
  const approvals = elicitingApprover({ store, verifier: signer.verifier, timeoutMs: 20_000 });
  const gate = createGate({ registry: loaded.registry, policy: defaultPolicy(), approver: approvals, callCaps: false, sink: { record: (record: CallRecord) => void records.push(record) } });
  http = await serveMcpHttp(() => createGatedMcpServer({ registry: loaded.registry, gate, approvals, principal: { id: "dana", roles: ["support"] } }), { port: 0 });
}, 30_000);
afterAll(async () => {
  await http?.close();
  await store?.close();
  loaded?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An SDK client that declares form elicitation and answers every request with `answer`, keeping what it was asked. */
async function elicitingClient(answer: (request: ElicitRequest) => ElicitResult | Promise<ElicitResult>) {
  const asked: ElicitRequest[] = [];
  const client = new Client({ name: "desk-client", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request);
    return answer(request);
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
  return { client, asked };
}

describe("MCP elicitation for pending approvals (SDK client over streamable HTTP)", () => {
  it("asks the person at the client, records their yes as a signed grant bound to the call, and runs the call once", async () => {
    const { client, asked } = await elicitingClient(() => ({ action: "accept", content: { decision: "approve", reason: "the customer confirmed on the phone" } }));
    const result = (await client.callTool(closeAccount)) as CallToolResult;
    expect(asked).toHaveLength(1);
    const params = asked[0]!.params as { message: string; requestedSchema: { properties: Record<string, unknown> } };
    expect(params.message).toContain("close_account");
    expect(params.message).toContain("C-1001");
    expect(Object.keys(params.requestedSchema.properties)).toEqual(["decision", "reason"]);
    expect(result.isError, textOf(result)).toBeFalsy();
    const meta = result._meta?.toolgate as { status: string; traceId: string; callId: string; verdicts: Array<{ stage: string; outcome: string }> };
    expect(meta.status).toBe("succeeded");
    expect(meta.verdicts).toContainEqual(expect.objectContaining({ stage: "approval", outcome: "approved" }));

    const [decided] = await store.list({ traceId: meta.traceId });
    expect(decided!.status).toBe("consumed");
    expect(decided!.consumedAt).toBeDefined();
    expect(decided!.asks).toEqual([expect.objectContaining({ via: "mcp-elicitation", client: "desk-client", person: "dana", outcome: "answered" })]);
    const grant = decided!.grant!;
    expect(grant.approver).toBe("dana");
    expect(grant.reason).toBe("the customer confirmed on the phone");
    // The same check the gate makes: signed by the deployment key, bound to this trace, call and digest.
    expect(checkGrant(grant, { traceId: meta.traceId, callId: decided!.request.callId, toolName: "close_account", toolDigest: decided!.request.toolDigest, callDigest: decided!.request.callDigest }, signer.verifier)).toEqual({ ok: true });
    await client.close();
  }, 30_000);

  it("turns a no at the client into a signed denial the model reads, and never runs the call", async () => {
    const { client, asked } = await elicitingClient(() => ({ action: "accept", content: { decision: "deny", reason: "not without a manager" } }));
    const result = (await client.callTool(closeAccount)) as CallToolResult;
    expect(asked).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^toolgate approval_denied: .*not without a manager/);
    const meta = result._meta?.toolgate as { traceId: string; verdicts: Array<{ stage: string }> };
    expect(meta.verdicts.map((verdict) => verdict.stage)).not.toContain("execute");
    const [decided] = await store.list({ traceId: meta.traceId });
    expect(decided).toMatchObject({ status: "denied", grant: { decision: "denied", approver: "dana", reason: "not without a manager" } });
    await client.close();
  }, 30_000);

  it("leaves the call pending in the store when the person cancels, noting the ask for the approvals queue", async () => {
    // While the question is open, the store (and so the dashboard's queue) shows the ask as waiting.
    let whileAsked: unknown;
    const { client } = await elicitingClient(async (request) => {
      const approvalId = /approval (\S+) —/.exec((request.params as { message: string }).message)![1]!;
      whileAsked = (await store.get(approvalId))?.asks;
      return { action: "cancel" };
    });
    const result = (await client.callTool(closeAccount)) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^toolgate approval_required: waiting for a person to decide approval /);
    expect(whileAsked).toEqual([{ via: "mcp-elicitation", client: "desk-client", person: "dana", at: expect.any(String), outcome: "waiting" }]);
    const meta = result._meta?.toolgate as { traceId: string };
    const [pending] = await store.list({ traceId: meta.traceId });
    expect(pending!.status).toBe("pending");
    expect(pending!.asks).toEqual([{ via: "mcp-elicitation", client: "desk-client", person: "dana", at: expect.any(String), outcome: "unanswered", detail: "cancelled at the client" }]);
    await client.close();
  }, 30_000);

  it("answers a client without elicitation with approval_required naming the approval, which waits in the store", async () => {
    const client = new Client({ name: "plain-client", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    const result = (await client.callTool(closeAccount)) as CallToolResult;
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^toolgate approval_required: waiting for a person to decide approval /);
    const meta = result._meta?.toolgate as { traceId: string };
    const [pending] = await store.list({ traceId: meta.traceId });
    expect(pending!.status).toBe("pending");
    expect(pending!.asks).toBeUndefined();
    expect(text).toContain(pending!.request.approvalId);
    await client.close();
  }, 30_000);

  it("keeps one trace per MCP session over HTTP, and ends the session on close", async () => {
    const client = new Client({ name: "plain-client", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    const first = (await client.callTool({ name: "find_customer", arguments: { name: "maria" } })) as CallToolResult;
    const second = (await client.callTool({ name: "find_customer", arguments: { name: "li" } })) as CallToolResult;
    const trace = (result: CallToolResult) => (result._meta?.toolgate as { traceId: string }).traceId;
    expect(trace(first)).toBe(trace(second));
    const before = http.sessions;
    await client.close();
    expect(before).toBeGreaterThan(0);
  }, 30_000);
});
