// Held approvals: a request waiting on a person is released by a decision made through another replica (PostgreSQL
// LISTEN/NOTIFY) or another process on the same SQLite file (polling); undecided ones come back pending.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApprovalStore } from "../policy/index.js";
import type { ApprovalStore } from "../policy/index.js";
import type { ApprovalWaiter } from "./approval-waiter.js";
import { pollingApprovalWaiter, postgresApprovalWaiter } from "./approval-waiter.js";
import type { GatewayFixture } from "./test-support/gateway-fixture.js";
import { startGateway, testSigner } from "./test-support/gateway-fixture.js";
import type { MockUpstream } from "./test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "./test-support/mock-upstream.js";

type Withheld = OpenAI.ChatCompletion & { toolgate?: { withheld: Array<Record<string, unknown>> } };

const tools: OpenAI.ChatCompletionTool[] = [{ type: "function", function: { name: "issue_refund", parameters: { type: "object", properties: { amount: { type: "number" } }, required: ["amount"] } } }];
const pgBase = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `e_held_${process.pid}`;
const pgUrl = `${pgBase}?schema=${schema}`;

let upstream: MockUpstream;
let callCounter = 0;
beforeAll(async () => {
  // Each request proposes a refund with a fresh call id, so every test's approval is its own.
  upstream = await startMockUpstream((body) => {
    const id = `call_refund_${++callCounter}`;
    if (body.stream !== true) return { json: completionWith([{ id, name: "issue_refund", arguments: '{"amount":40}' }]) };
    const envelope = { id: "chatcmpl-mock", object: "chat.completion.chunk", created: 1_800_000_000, model: "mock-model" };
    return {
      events: [
        { ...envelope, choices: [{ index: 0, delta: { role: "assistant", tool_calls: [{ index: 0, id, type: "function", function: { name: "issue_refund", arguments: "" } }] }, finish_reason: null }] },
        { ...envelope, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"amount":40}' } }] }, finish_reason: null }] },
        { ...envelope, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
      ],
    };
  });
});
afterAll(async () => upstream?.close());

/** Waits until the store shows a pending approval not seen before (the held request has recorded it). */
async function nextPending(store: ApprovalStore, seen: Set<string>): Promise<string> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const fresh = (await store.list({ status: "pending" })).find((entry) => !seen.has(entry.request.approvalId));
    if (fresh) {
      seen.add(fresh.request.approvalId);
      return fresh.request.approvalId;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no pending approval appeared");
}

/** Reads a response body until `enough` holds for what arrived (`reached`), then to its end (`rest`: the whole text). */
function readUntil(response: Response, enough: (text: string) => boolean): { reached: Promise<string>; rest: Promise<string> } {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let signal: (value: string) => void = () => undefined;
  const reached = new Promise<string>((resolve) => (signal = resolve));
  const rest = (async () => {
    let told = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (!told && enough(text)) {
        told = true;
        signal(text);
      }
    }
    if (!told) signal(text);
    return text;
  })();
  return { reached, rest };
}

describe("two replicas on one PostgreSQL schema", () => {
  const replicas: Array<{ gateway: GatewayFixture; store: ApprovalStore; waiter: ApprovalWaiter }> = [];
  let client: OpenAI;
  const seen = new Set<string>();

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    for (let index = 0; index < 2; index++) {
      const store = await openApprovalStore(pgUrl, { signer: testSigner });
      // No safety poll within the test's hold: only the NOTIFY can release the request in time.
      const waiter = await postgresApprovalWaiter(store, pgUrl, { safetyPollMs: 120_000 });
      const gateway = await startGateway(upstream.baseUrl, { approvals: { store, waiter, verifier: testSigner.verifier, holdMs: 60_000 } }, { audit: pgUrl, keys: pgUrl });
      replicas.push({ gateway, store, waiter });
    }
    client = new OpenAI({ apiKey: (await replicas[0]!.gateway.keys.create({ id: "alice", roles: ["user"] })).key, baseURL: replicas[0]!.gateway.baseUrl, maxRetries: 0, timeout: 90_000 });
  }, 60_000);
  afterAll(async () => {
    for (const replica of replicas) {
      await replica.waiter.close();
      await replica.store.close();
      await replica.gateway.close();
    }
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  const ask = () => client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "refund order A17" }], tools }) as Promise<Withheld>;

  it("releases the request held on replica 1 when the approval is recorded through replica 2's store", async () => {
    const answer = ask();
    const approvalId = await nextPending(replicas[1]!.store, seen);
    // The request records its approval a moment before it starts waiting on it.
    for (let attempt = 0; attempt < 400 && replicas[0]!.waiter.holding === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(replicas[0]!.waiter.holding).toBe(1);
    await replicas[1]!.store.approve(approvalId, { approver: "sam", roles: ["support-lead"], reason: "customer verified" });
    const completion = await answer;
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && call.function).toEqual({ name: "issue_refund", arguments: '{"amount":40}' });
    expect(completion.toolgate).toBeUndefined();
    // The grant was used up by the release: it cannot release the call a second time.
    expect((await replicas[1]!.store.get(approvalId))?.status).toBe("consumed");
    const events = await replicas[1]!.gateway.audit.read({});
    expect(events.find((event) => event.type === "call.verdict" && (event.data as { outcome?: string; approvalId?: string }).approvalId === approvalId && (event.data as { outcome: string }).outcome === "approved")?.data).toMatchObject({ approver: "sam", held: true });
  });

  it("withholds the held call when the person denies it on the other replica, naming the approval stage", async () => {
    const answer = ask();
    const approvalId = await nextPending(replicas[1]!.store, seen);
    await replicas[1]!.store.deny(approvalId, { approver: "sam", reason: "refund already paid" });
    const completion = await answer;
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
    expect(completion.toolgate?.withheld[0]).toMatchObject({ kind: "denied", stage: "approval", code: "approval_denied" });
    expect(String(completion.toolgate?.withheld[0]?.message)).toContain("refund already paid");
  });
});

describe("one replica on SQLite, decided by another process's store on the same file", () => {
  let dir: string;
  let gateway: GatewayFixture;
  let store: ApprovalStore;
  let cli: ApprovalStore;
  let client: OpenAI;
  let holdMs = 60_000;
  const seen = new Set<string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "toolgate-held-"));
    store = await openApprovalStore(`sqlite:${join(dir, "approvals.db")}`, { signer: testSigner });
    cli = await openApprovalStore(`sqlite:${join(dir, "approvals.db")}`, { signer: testSigner });
    const waiter = pollingApprovalWaiter(store, 100);
    // A short heartbeat, so every held request here also shows the keep-alive bytes reach the client harmlessly.
    const hold = { store, waiter, verifier: testSigner.verifier, heartbeatMs: 40, get holdMs() { return holdMs; } };
    gateway = await startGateway(upstream.baseUrl, { approvals: hold });
    client = new OpenAI({ apiKey: (await gateway.keys.create({ id: "alice", roles: ["user"] })).key, baseURL: gateway.baseUrl, maxRetries: 0, timeout: 90_000 });
  });
  afterAll(async () => {
    await gateway?.close();
    await store?.close();
    await cli?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = () => client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "refund order A17" }], tools }) as Promise<Withheld>;

  it("releases the held request by polling once the approval is written", async () => {
    holdMs = 60_000;
    const answer = ask();
    await cli.approve(await nextPending(cli, seen), { approver: "sam", roles: ["support-lead"] });
    const completion = await answer;
    expect(completion.choices[0]!.message.tool_calls![0]!.id).toMatch(/^call_refund_/);
  });

  it("releases the held call with the approver's edited arguments", async () => {
    holdMs = 60_000;
    const answer = ask();
    await cli.approve(await nextPending(cli, seen), { approver: "sam", roles: ["support-lead"], editedArguments: { amount: 25 } });
    const done = await answer;
    const call = done.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ amount: 25 });
  });

  it("sends the status at once and keep-alive whitespace while held, then the completion (JSON clients parse it)", async () => {
    holdMs = 60_000;
    const response = fetch(`${gateway.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${client.apiKey}` },
      body: JSON.stringify({ model: "mock-model", messages: [{ role: "user", content: "refund order A17" }], tools }),
    });
    const approvalId = await nextPending(cli, seen);
    // Headers arrive while the request is still held.
    const held = await response;
    expect(held.status).toBe(200);
    expect(held.headers.get("x-toolgate-held")).toBe("true");
    expect(held.headers.get("x-toolgate-trace-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Three heartbeats arrive before anyone decides; then the decision releases the completion.
    const reader = readUntil(held, (text) => text.length >= 3);
    expect(await reader.reached).toMatch(/^\n{3,}$/);
    await cli.approve(approvalId, { approver: "sam", roles: ["support-lead"] });
    const text = await reader.rest;
    expect((JSON.parse(text) as Withheld).choices[0]!.message.tool_calls![0]!.id).toMatch(/^call_refund_/);
  });

  it("sends SSE comments while a streamed request is held, then the released call", async () => {
    holdMs = 60_000;
    const response = fetch(`${gateway.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${client.apiKey}` },
      body: JSON.stringify({ model: "mock-model", stream: true, messages: [{ role: "user", content: "refund order A17" }], tools }),
    });
    const approvalId = await nextPending(cli, seen);
    expect((await response).headers.get("x-toolgate-trace-id")).toMatch(/^[0-9a-f-]{36}$/);
    const reader = readUntil(await response, (text) => (text.match(/^: toolgate: holding for approval$/gm) ?? []).length >= 2);
    await reader.reached;
    await cli.approve(approvalId, { approver: "sam", roles: ["support-lead"] });
    const text = await reader.rest;
    const events = text.split("\n\n").filter((block) => block.startsWith("data: {")).map((block) => JSON.parse(block.slice("data: ".length)) as { choices: Array<{ delta: { tool_calls?: Array<{ id?: string }> }; finish_reason: string | null }> });
    expect(events.flatMap((event) => event.choices[0]?.delta.tool_calls ?? []).find((call) => call.id)?.id).toMatch(/^call_refund_/);
    expect(events.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("returns the call as pending, with an approval id the store knows, when nobody decides within the hold", async () => {
    holdMs = 300;
    const completion = await ask();
    const pending = completion.toolgate!.withheld[0]!;
    expect(pending).toMatchObject({ kind: "needs-approval", approver_role: "support-lead" });
    expect((await cli.get(String(pending.approval_id)))?.status).toBe("pending");
  });
});
