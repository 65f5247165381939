// A person approves in the browser and the gateway request held on that call completes: the official openai client
// asks the real gateway (mock upstream proposing a refund that needs a person), the dashboard mounted at /ui in the
// same Hono app shows it, Chromium approves it, and the client's request returns with the released tool call.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import OpenAI from "openai";
import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainedAuditStore } from "../audit/index.js";
import { openAuditStore } from "../audit/index.js";
import type { ApprovalStore } from "../policy/index.js";
import { loadPolicy, openApprovalStore } from "../policy/index.js";
import type { ApiKeyStore, ApprovalWaiter } from "../server/index.js";
import { createGatewayApp, openApiKeyStore, pollingApprovalWaiter } from "../server/index.js";
import { testPolicy, testSigner } from "../server/test-support/gateway-fixture.js";
import type { MockUpstream } from "../server/test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "../server/test-support/mock-upstream.js";
import type { OpenedStore } from "../store/index.js";
import { openStore } from "../store/index.js";
import { createDashboardApp, openRunIndex, openSessionStore } from "./index.js";

const chromiumPath = process.env.TOOLGATE_CHROMIUM ?? "/usr/bin/chromium";
const runBrowser = existsSync(chromiumPath) || process.env.TOOLGATE_REQUIRE_SHARED === "1";
const artifacts = join(import.meta.dirname, "..", "..", "artifacts", "dashboard");
const timeout = 60_000;

let dir: string;
let upstream: MockUpstream;
let audit: ChainedAuditStore;
let approvals: ApprovalStore;
let keyStore: OpenedStore;
let indexStore: OpenedStore;
let keys: ApiKeyStore;
let waiter: ApprovalWaiter;
let server: ReturnType<typeof serve>;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!runBrowser) return;
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "toolgate-dashboard-held-"));
  upstream = await startMockUpstream(() => ({ json: completionWith([{ id: "call_refund_1", name: "issue_refund", arguments: '{"amount":40}' }]) }));
  audit = await openAuditStore(`sqlite:${join(dir, "audit.db")}`, { signer: testSigner });
  approvals = await openApprovalStore(`sqlite:${join(dir, "approvals.db")}`, { signer: testSigner });
  keyStore = await openStore(`sqlite:${join(dir, "keys.db")}`);
  indexStore = await openStore(`sqlite:${join(dir, "dashboard.db")}`);
  keys = await openApiKeyStore(keyStore);
  // Polls only once a minute: within the test's time only the dashboard's own wake-up (onDecided) can release the request.
  waiter = pollingApprovalWaiter(approvals, 60_000);
  const dashboard = createDashboardApp({ audit, approvals, keys, sessions: await openSessionStore(keyStore.sql), runIndex: await openRunIndex(indexStore.sql, audit), onDecided: (id) => waiter.decided(id) });
  const app = createGatewayApp({
    upstream: { baseUrl: upstream.baseUrl, timeoutMs: 10_000 },
    models: ["mock-model"],
    policy: loadPolicy(testPolicy, { clock: () => new Date() }),
    audit,
    keys,
    approvals: { store: approvals, waiter, verifier: testSigner.verifier, holdMs: 120_000 },
    ui: (gateway) => void gateway.route("/ui", dashboard),
  });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"], timeout });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await waiter?.close();
  for (const store of [audit, approvals, keyStore, indexStore]) await store?.close().catch(() => undefined);
  await upstream?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!runBrowser)("a held gateway request released from the dashboard", () => {
  it("completes the openai client's request once a support lead approves the refund in Chromium", { timeout: 180_000 }, async () => {
    const client = new OpenAI({ apiKey: (await keys.create({ id: "alice", roles: ["user"] })).key, baseURL: `${origin}/v1`, maxRetries: 0, timeout: 150_000 });
    const tools: OpenAI.ChatCompletionTool[] = [{ type: "function", function: { name: "issue_refund", parameters: { type: "object", properties: { amount: { type: "number" } }, required: ["amount"] } } }];
    let settled = false;
    const answer = client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "refund order A17" }], tools }).finally(() => (settled = true));

    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(`${origin}/ui/sign-in`);
    await page.fill('input[name="key"]', (await keys.create({ id: "sam", roles: ["approver", "support-lead"] })).key);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${origin}/ui/overview`);
    // The held request has recorded its approval by now or soon: reload the queue until it shows.
    let card = page.locator("article.approval[data-approval]");
    for (let attempt = 0; attempt < 60 && (await card.count()) === 0; attempt++) {
      await page.goto(`${origin}/ui/approvals`);
      card = page.locator("article.approval[data-approval]");
      if ((await card.count()) === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await card.count()).toBe(1);
    expect(await card.locator("pre.canonical-call").textContent()).toContain('"amount": 40');
    expect(settled).toBe(false);
    expect(waiter.holding).toBe(1);
    await card.locator('input[name="reason"]').first().fill("customer verified");
    await card.locator('button[data-decide="approve"]').click();
    await page.locator("article.decided").waitFor();
    await page.screenshot({ path: join(artifacts, "held-request-approved.png"), fullPage: true });

    const completion = await answer;
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && call.function).toEqual({ name: "issue_refund", arguments: '{"amount":40}' });
    const approvalId = (await card.getAttribute("data-approval"))!;
    expect((await approvals.get(approvalId))?.status).toBe("consumed");
    expect((await approvals.get(approvalId))?.grant).toMatchObject({ approver: "sam", reason: "customer verified", decision: "approved" });
  });
});
