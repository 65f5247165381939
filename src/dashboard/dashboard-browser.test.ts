// The dashboard in a real browser (playwright-core driving the system Chromium) against a loopback server over real
// SQLite stores seeded by the real gate: sign in, find a denial and its rule, verify the chain, read an eval
// comparison's chart, and decide an approval by keyboard alone. Screenshots go to artifacts/dashboard/ (gitignored).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededDashboard } from "./test-support/seeded-dashboard.js";
import { seededDashboard } from "./test-support/seeded-dashboard.js";

const chromiumPath = process.env.TOOLGATE_CHROMIUM ?? "/usr/bin/chromium";
// CI installs Chromium (.ci/run) and must never skip; elsewhere a machine without it skips with this reason.
const runBrowser = existsSync(chromiumPath) || process.env.TOOLGATE_REQUIRE_SHARED === "1";
const artifacts = join(import.meta.dirname, "..", "..", "artifacts", "dashboard");
const timeout = 60_000;

let seeded: SeededDashboard;
let browser: Browser;
let server: ReturnType<typeof serve>;
let origin: string;

beforeAll(async () => {
  if (!runBrowser) return;
  mkdirSync(artifacts, { recursive: true });
  seeded = await seededDashboard();
  const app = new Hono();
  app.route("/ui", await seeded.app());
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
  await seeded?.close();
});

async function signedInPage(key: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(timeout);
  await page.goto(`${origin}/ui/runs`);
  // Not signed in: the dashboard sends the browser to the sign-in form.
  expect(new URL(page.url()).pathname).toBe("/ui/sign-in");
  await page.fill('input[name="key"]', key);
  await page.click('button[type="submit"]');
  await page.waitForURL(`${origin}/ui/overview`);
  return page;
}

describe.skipIf(!runBrowser)("dashboard in Chromium", () => {
  it("signs in, filters the runs to denials, and opens a trace that names the rule that blocked the call", { timeout: 120_000 }, async () => {
    const page = await signedInPage(seeded.people.admin);
    await expect.poll(() => page.locator("header .who").textContent()).toContain("ada · admin");
    await page.click('nav a:has-text("Runs")');
    await page.selectOption('select[name="verdict"]', "denied");
    await page.click('form.filters button[type="submit"]');
    await page.waitForFunction('document.querySelectorAll("#runs tbody tr[data-trace]").length === 1');
    expect(await page.locator("#runs tbody tr[data-trace]").getAttribute("data-trace")).toBe(seeded.traces.denied);
    await page.click(`#runs tr[data-trace="${seeded.traces.denied}"] a`);
    const blocked = page.locator('article.call[data-diagnosis="policy-block"]');
    await blocked.waitFor();
    expect(await blocked.locator("h3 .badge").textContent()).toBe("policy block by rule no-explosions");
    expect(await blocked.locator('tr[data-stage="policy"] code.rule').textContent()).toBe("no-explosions");
    await page.screenshot({ path: join(artifacts, "trace-denied.png"), fullPage: true });
  });

  it("verifies the audit chain from the Audit page", { timeout: 120_000 }, async () => {
    const page = await signedInPage(seeded.people.viewer);
    await page.click('nav a:has-text("Audit")');
    await page.click('button:has-text("Verify the chain")');
    const result = page.locator('#verify-result [data-verify="ok"]');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/The chain verifies: \d+ events/);
    await page.screenshot({ path: join(artifacts, "audit-verified.png"), fullPage: true });
  });

  it("opens an eval comparison and draws its chart with uPlot", { timeout: 120_000 }, async () => {
    const page = await signedInPage(seeded.people.viewer);
    await page.click('nav a:has-text("Evaluation")');
    await page.selectOption('select[name="a"]', "baseline.json");
    await page.selectOption('select[name="b"]', "candidate.json");
    await page.click('button:has-text("Compare")');
    const chart = page.locator('#compare-chart[data-chart-ready="true"]');
    await chart.waitFor();
    expect(await chart.locator("canvas").count()).toBe(1);
    expect(await chart.locator(".u-legend").textContent()).toContain("B candidate.json");
    expect(await page.locator('tr[data-category="refunds"] td').nth(3).textContent()).toBe("28.0 pt");
    await page.screenshot({ path: join(artifacts, "eval-compare.png"), fullPage: true });
  });

  it("approves a pending call with the keyboard alone, writing a signed grant", { timeout: 120_000 }, async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(`${origin}/ui/sign-in`);
    // Sign in by keyboard: the key field has focus, Enter submits. Autofocus lands at the first rendering after load,
    // which a loaded machine can delay past page.goto: wait for it rather than type into nothing.
    await page.locator('input[name="key"]:focus').waitFor();
    await page.keyboard.type(seeded.people.approver);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/ui/overview`);
    await page.goto(`${origin}/ui/approvals`);
    const [pending] = await seeded.approvals.list({ status: "pending" });
    const id = pending!.request.approvalId;
    await page.keyboard.press("j");
    expect(await page.evaluate('document.activeElement?.getAttribute("data-approval")')).toBe(id);
    await page.keyboard.press("a");
    expect(await page.evaluate('document.activeElement?.getAttribute("data-decide")')).toBe("approve");
    await page.screenshot({ path: join(artifacts, "approvals-keyboard.png"), fullPage: true });
    await page.keyboard.press("Enter");
    const decided = page.locator(`article.decided[data-approval="${id}"]`);
    await decided.waitFor();
    expect(await decided.textContent()).toContain("approved by alex");
    const stored = await seeded.approvals.get(id);
    expect(stored).toMatchObject({ status: "approved", grant: { approver: "alex", decision: "approved", boundTo: { callDigest: pending!.request.callDigest } } });
    expect(stored!.grant!.signature.value.length).toBeGreaterThan(20);
  });
});
