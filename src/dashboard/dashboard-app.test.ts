// The dashboard over real SQLite stores seeded by the real gate, through HTTP (Hono's request): sessions, roles, CSRF,
// runs and trace pages, approvals decided as signed grants, audit verification, and the eval comparison.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGrant } from "../policy/index.js";
import type { SeededDashboard } from "./test-support/seeded-dashboard.js";
import { seededDashboard } from "./test-support/seeded-dashboard.js";
import { cookieBrowser } from "./test-support/cookie-browser.js";

let seeded: SeededDashboard;
let app: Awaited<ReturnType<SeededDashboard["app"]>>;
const decisions: string[] = [];

beforeAll(async () => {
  seeded = await seededDashboard();
  app = await seeded.app({ base: "", onDecided: (id) => decisions.push(id) });
}, 60_000);
afterAll(async () => seeded?.close());

const browser = () => cookieBrowser(app);

describe("dashboard sessions and roles", () => {
  it("answers nothing without a session: pages send you to sign in, JSON and state changes get 401", async () => {
    const anonymous = browser();
    const pageResponse = await anonymous.request("/runs");
    expect(pageResponse.status).toBe(303);
    expect(pageResponse.headers.get("location")).toBe("/sign-in");
    const json = await anonymous.request("/api/runs", { headers: { accept: "application/json" } });
    expect(json.status).toBe(401);
    expect(await json.json()).toMatchObject({ error: "not signed in" });
    const [pending] = await seeded.approvals.list({ status: "pending" });
    const post = await anonymous.request(`/approvals/${pending!.request.approvalId}/approve`, anonymous.form({}));
    expect(post.status).toBe(401);
  });

  it("signs in with an API key into an HttpOnly, SameSite=Strict session; refuses unknown keys and principals without a dashboard role", async () => {
    const person = browser();
    const signedIn = await person.signIn(seeded.people.viewer);
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith("toolgate_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(await (await person.request("/runs")).text()).toContain("vera · viewer");

    const stranger = await browser().signIn("tgk_not-a-real-key");
    expect(stranger.status).toBe(401);
    expect(await stranger.text()).toContain("unknown or revoked");
    const outsider = await browser().signIn(seeded.people.outsider);
    expect(outsider.status).toBe(403);
    expect(await outsider.text()).toContain("principal oscar has none of the dashboard roles");
  });

  it("refuses a sign-in post without the form token this browser was given (login CSRF)", async () => {
    const person = browser();
    const response = await person.request("/sign-in", person.form({ key: seeded.people.admin, _signin: "forged" }));
    expect(response.status).toBe(400);
    expect(person.cookies.has("toolgate_session")).toBe(false);
  });
});

describe("dashboard runs and traces", () => {
  it("lists runs with filters by verdict, tool, principal and status, and says what is wrong with a bad filter", async () => {
    const person = browser();
    await person.signIn(seeded.people.viewer);
    const all = (await (await person.request("/api/runs", { headers: { accept: "application/json" } })).json()) as { runs: Array<{ traceId: string; verdict: string; principal: string }> };
    expect(all.runs.map((run) => run.traceId).sort()).toEqual(Object.values(seeded.traces).sort());
    const verdictOf = Object.fromEntries(all.runs.map((run) => [run.traceId, run.verdict]));
    expect(verdictOf[seeded.traces.denied]).toBe("denied");
    expect(verdictOf[seeded.traces.mistake]).toBe("invalid");
    expect(verdictOf[seeded.traces.pending]).toBe("approval");
    expect(verdictOf[seeded.traces.allowed]).toBe("allowed");

    const denied = await (await person.request("/runs?verdict=denied")).text();
    expect(denied).toContain(`data-trace="${seeded.traces.denied}"`);
    expect(denied).not.toContain(`data-trace="${seeded.traces.allowed}"`);
    const byTool = (await (await person.request("/api/runs?tool=bank.transfer", { headers: { accept: "application/json" } })).json()) as { runs: Array<{ traceId: string }> };
    expect(byTool.runs.map((run) => run.traceId)).toEqual([seeded.traces.pending]);
    const alices = (await (await person.request("/api/runs?principal=alice", { headers: { accept: "application/json" } })).json()) as { runs: Array<{ traceId: string }> };
    expect(alices.runs.map((run) => run.traceId).sort()).toEqual([seeded.traces.allowed, seeded.traces.mistake].sort());

    const bad = await person.request("/runs?status=exploded");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("status exploded: use one of running, ok, pending, error");
    const badTime = await person.request("/api/runs?from=yesterday", { headers: { accept: "application/json" } });
    expect(await badTime.json()).toEqual({ error: "from yesterday: not a time; use e.g. 2026-12-07T09:30 (UTC)" });
  });

  it("shows a denial with its rule and policy digest, and tells a model mistake from a policy block", async () => {
    const person = browser();
    await person.signIn(seeded.people.viewer);
    const denied = await (await person.request(`/runs/${seeded.traces.denied}`)).text();
    expect(denied).toContain('data-diagnosis="policy-block"');
    expect(denied).toContain("policy block by rule no-explosions");
    expect(denied).toContain("explode is switched off here");
    expect(denied).toMatch(/<td>policy<\/td><td>deny<\/td><td><code class="rule">no-explosions<\/code>/);
    expect(denied).toMatch(/<code>sha256:[0-9a-f]{9}/);
    const mistake = await (await person.request(`/runs/${seeded.traces.mistake}`)).text();
    expect(mistake).toContain('data-diagnosis="model-mistake"');
    expect(mistake).toContain("model mistake at validate");
    // Raw arguments as the model sent them, escaped, beside the decoded ones.
    expect(mistake).toContain("{&quot;city&quot;:&quot;&quot;}");
    const missing = await person.request("/runs/no-such-trace");
    expect(missing.status).toBe(404);
  });

  it("lets only admins export, and exports the trace as JSONL and OTLP/JSON", async () => {
    const viewer = browser();
    await viewer.signIn(seeded.people.viewer);
    expect((await viewer.request(`/runs/${seeded.traces.denied}/export.jsonl`)).status).toBe(403);
    const admin = browser();
    await admin.signIn(seeded.people.admin);
    const jsonl = await (await admin.request(`/runs/${seeded.traces.denied}/export.jsonl`)).text();
    const events = jsonl.trim().split("\n").map((line) => JSON.parse(line) as { traceId: string; type: string });
    expect(events.every((event) => event.traceId === seeded.traces.denied)).toBe(true);
    expect(events.map((event) => event.type)).toContain("call.verdict");
    const otlp = JSON.parse(await (await admin.request(`/runs/${seeded.traces.denied}/export.otlp.json`)).text()) as { resourceSpans: unknown[] };
    expect(otlp.resourceSpans.length).toBeGreaterThan(0);
  });
});

describe("dashboard overview", () => {
  it("shows latency percentiles, the denial rate and per-tool denials from the runs", async () => {
    const person = browser();
    await person.signIn(seeded.people.viewer);
    const page = await (await person.request("/overview")).text();
    // 4 runs, one of them denied.
    expect(page).toContain('<td data-metric="deny-rate">25.0%</td>');
    expect(page).toMatch(/<tr data-tool="explode"><td>explode<\/td><td>1<\/td><td>1<\/td><td>100\.0%<\/td>/);
    expect(page).toMatch(/<td data-metric="p50">\d+ ms<\/td>/);
    expect(page).toContain("data-chart=");
  });
});

describe("dashboard approvals", () => {
  it("says in the queue when the person at an MCP client was asked through elicitation, and what came of it", async () => {
    const [pending] = await seeded.approvals.list({ status: "pending" });
    const id = pending!.request.approvalId;
    const person = browser();
    await person.signIn(seeded.people.viewer);
    expect(await (await person.request("/approvals")).text()).not.toContain("through MCP elicitation");
    // What the eliciting approver notes (src/mcp/eliciting-approver.ts): an ask that went unanswered, then one still open.
    const first = { via: "mcp-elicitation" as const, client: "desk-client", person: "dana", at: "2026-12-07T10:00:00.000Z", outcome: "unanswered" as const, detail: "cancelled at the client" };
    await seeded.approvals.noteAsk(id, first);
    await seeded.approvals.noteAsk(id, { via: "mcp-elicitation", client: "evil\u202eclient", person: "dana", at: "2026-12-07T10:05:00.000Z", outcome: "waiting" });
    const queue = await (await person.request("/approvals")).text();
    const card = queue.slice(queue.indexOf(`data-approval="${id}"`));
    expect(card).toContain('<li class="ask" data-ask="unanswered">Asked <b>dana</b> at the MCP client <b>desk-client</b> through MCP elicitation at 2026-12-07 10:00:00: no answer (cancelled at the client).</li>');
    // The open ask says a decision here still counts; a control character in the client's name is shown escaped.
    expect(card).toMatch(/<li class="ask" data-ask="waiting">Asked <b>dana<\/b> at the MCP client <b>evil\\u202eclient<\/b> through MCP elicitation at 2026-12-07 10:05:00: <b>waiting for their answer<\/b> \(whichever decision is recorded first counts\)\.<\/li>/);
  });

  it("needs the session's CSRF token and the approver role, then writes the same signed, bound grant the CLI writes", async () => {
    const [pending] = await seeded.approvals.list({ status: "pending" });
    const id = pending!.request.approvalId;
    const approver = browser();
    await approver.signIn(seeded.people.approver);
    const queue = await (await approver.request("/approvals")).text();
    expect(queue).toContain(`data-approval="${id}"`);
    expect(queue).toContain("&quot;to&quot;: &quot;acct-42&quot;");
    expect(queue).toContain(pending!.request.callDigest);

    const noToken = await approver.request(`/approvals/${id}/approve`, approver.form({ reason: "ok" }));
    expect(noToken.status).toBe(403);
    const viewer = browser();
    await viewer.signIn(seeded.people.viewer);
    const viewerTry = await viewer.request(`/approvals/${id}/approve`, viewer.form({ _csrf: await viewer.csrf() }));
    expect(viewerTry.status).toBe(403);
    expect((await seeded.approvals.get(id))!.status).toBe("pending");

    const badEdit = await approver.request(`/approvals/${id}/approve`, { ...approver.form({ _csrf: await approver.csrf(), editedArguments: "{to: bob" }), headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true" } });
    expect(badEdit.status).toBe(400);
    expect(await badEdit.text()).toContain("the edited arguments are not JSON");

    const approved = await approver.request(`/approvals/${id}/approve`, { ...approver.form({ _csrf: await approver.csrf(), reason: "known payee" }), headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true" } });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("<b>approved</b> by alex");
    const stored = (await seeded.approvals.get(id))!;
    expect(stored.status).toBe("approved");
    expect(stored.grant).toMatchObject({ approver: "alex", decision: "approved", reason: "known payee", boundTo: { callDigest: pending!.request.callDigest } });
    const { createAuditSigner } = await import("../audit/index.js");
    const verifier = createAuditSigner({ hmacSecret: "dashboard-test-deployment-key-0123456789" }).verifier;
    expect(checkGrant(stored.grant!, { traceId: pending!.request.traceId, callId: pending!.request.callId, toolName: pending!.request.toolName, toolDigest: pending!.request.toolDigest, callDigest: pending!.request.callDigest }, verifier)).toMatchObject({ ok: true });
    expect(decisions).toEqual([id]);

    const again = await approver.request(`/approvals/${id}/deny`, approver.form({ _csrf: await approver.csrf(), reason: "changed my mind" }));
    expect(await again.text()).toContain("was already approved by alex");
  });
});

describe("dashboard audit and evaluation", () => {
  it("verifies the chain on request and shows the signed head", async () => {
    const person = browser();
    await person.signIn(seeded.people.viewer);
    const page = await (await person.request("/audit")).text();
    const head = await seeded.audit.head();
    expect(page).toContain(`data-head-seq="${head!.headSeq}"`);
    const verified = await (await person.request("/audit/verify", { ...person.form({ _csrf: await person.csrf() }), headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true" } })).text();
    expect(verified).toContain('data-verify="ok"');
    expect(verified).toContain(`${head!.headSeq} events`);
  });

  it("lists re-approvals of changed tool definitions from the trail", async () => {
    const person = browser();
    await person.signIn(seeded.people.viewer);
    expect(await (await person.request("/audit")).text()).toContain("No changed tool definition has been re-approved");
    await seeded.audit.append([
      { type: "tool.pinned", traceId: "toolgate:mcp-pins:weather", at: new Date().toISOString(), data: { server: "weather", tool: "wx_get_forecast", status: "changed", approvedBy: "ada", reason: "vendor changelog 2.3", digest: "sha256:0123456789abcdef0123" } },
    ]);
    const page = await (await person.request("/audit")).text();
    expect(page).toMatch(/<tr data-pin-tool="wx_get_forecast"><td>[^<]+<\/td><td>weather<\/td><td><code>wx_get_forecast<\/code><\/td><td>changed<\/td><td>ada<\/td><td>vendor changelog 2.3<\/td>/);
  });

  it("compares two eval reports with deltas, intervals and the chart's data", async () => {
    const person = browser();
    await person.signIn(seeded.people.viewer);
    const page = await (await person.request("/eval/compare?a=baseline.json&b=candidate.json&metric=decision")).text();
    expect(page).toContain('data-category="refunds"');
    // refunds: 30/50 → 44/50 is +28.0 points, significant at α = 0.05.
    expect(page).toMatch(/data-category="refunds"><td>refunds<\/td><td>60\.0%.*<b>28\.0 pt<\/b>/);
    expect(page).toContain('id="compare-chart"');
    const missing = await person.request("/eval/compare?a=baseline.json&b=nope.json");
    expect(missing.status).toBe(400);
  });
});
