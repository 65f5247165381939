// The dashboard as a Hono app, mounted at /ui by `toolgate serve` or `toolgate ui`: sessions, roles, CSRF, and the pages.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import type { Context } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { html } from "hono/html";
import { secureHeaders } from "hono/secure-headers";
import { stream } from "hono/streaming";
import type { AuditStore, SignedHead } from "../audit/index.js";
import { auditedRun, auditEventsToJsonl, otlpJson } from "../audit/index.js";
import type { ApprovalStore } from "../policy/index.js";
import type { JsonValue, Principal } from "../record/index.js";
import { approvalCard, approvalsQueue, decidedCard, decisionError } from "./approvals-page.js";
import { dashboardAssets } from "./assets.js";
import { auditPage, verifyResult } from "./audit-page.js";
import type { ReportFile } from "./eval-page.js";
import { comparisonView, reportList, reportView } from "./eval-page.js";
import type { Html, Section } from "./layout.js";
import { page } from "./layout.js";
import { overviewPage } from "./overview-page.js";
import type { DashboardAction } from "./roles.js";
import { dashboardRoleOf, mayDo, roleNeededFor } from "./roles.js";
import type { RunFilter, RunIndex } from "./run-index.js";
import { runStatuses, runVerdicts } from "./run-row.js";
import type { RunStatus, RunVerdict } from "./run-row.js";
import { runsFilters, runsTable } from "./runs-page.js";
import type { DashboardSession, SessionStore } from "./sessions.js";
import { randomToken, sameToken } from "./sessions.js";
import { signInForm } from "./sign-in-page.js";
import { tracePage } from "./trace-page.js";

/** What the dashboard needs from a key store (the gateway's ApiKeyStore fits): who a key belongs to, and whether it still works. */
interface DashboardKeyLookup {
  authenticate(key: string): Promise<{ id: string; principal: Principal } | undefined>;
  /** Checked on every request, so revoking the key a person signed in with ends their session at once. */
  isLive(keyId: string): Promise<boolean>;
}

export interface DashboardOptions {
  audit: AuditStore & { head?: () => Promise<SignedHead | undefined> };
  runIndex: RunIndex;
  keys: DashboardKeyLookup;
  /** Opened with the deployment key (decide access), so decisions are signed grants exactly as the CLI writes them. */
  approvals?: ApprovalStore;
  /** Folder of `eval run --out` report files for the Evaluation page. */
  evalDir?: string;
  /** The path the app is mounted at (links and the cookie path); default `/ui`. */
  base?: string;
  /** Called after a person decides, so a request held in this process is released at once (the gateway's waiter). */
  onDecided?: (approvalId: string) => void;
  /** Where sessions live: `openSessionStore` over the key store, so every worker and replica on it shares them. */
  sessions: SessionStore;
  /** Mark cookies Secure (serve behind TLS); default false, since the gateway listens on loopback by default. */
  secureCookies?: boolean;
}

type Env = { Variables: { session: DashboardSession } };

const sessionCookie = "toolgate_session";
const signInCookie = "toolgate_signin";

export function createDashboardApp(options: DashboardOptions): Hono<Env> {
  const app = new Hono<Env>();
  const base = options.base ?? "/ui";
  const sessions = options.sessions;
  const cookieOptions = { httpOnly: true, sameSite: "Strict" as const, path: base, secure: options.secureCookies ?? false };

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:"], frameAncestors: ["'none'"], formAction: ["'self'"] },
      xFrameOptions: "DENY",
      referrerPolicy: "same-origin",
    }),
  );

  app.get("/assets/:name", (c) => {
    const asset = dashboardAssets().get(c.req.param("name"));
    if (!asset) return c.text("no such asset", 404);
    return c.body(asset.body, 200, { "content-type": asset.contentType, "cache-control": "private, max-age=3600" });
  });

  app.get("/sign-in", (c) => {
    const token = randomToken();
    setCookie(c, signInCookie, token, { ...cookieOptions, maxAge: 600 });
    return c.html(page({ title: "Sign in", section: undefined, session: undefined, base, body: signInForm(base, token) }));
  });

  app.post("/sign-in", async (c) => {
    const form = await c.req.parseBody();
    const refuse = (problem: string, status: 400 | 401 | 403) => {
      const token = randomToken();
      setCookie(c, signInCookie, token, { ...cookieOptions, maxAge: 600 });
      return c.html(page({ title: "Sign in", section: undefined, session: undefined, base, body: signInForm(base, token, problem) }), status);
    };
    // Double-submit: the form's token must equal the cookie this origin set, so another site cannot sign you in as itself.
    if (!sameToken(getCookie(c, signInCookie) ?? "", typeof form._signin === "string" ? form._signin : undefined) || !getCookie(c, signInCookie)) {
      return refuse("the sign-in form expired or came from another site; try again", 400);
    }
    const key = typeof form.key === "string" ? form.key.trim() : "";
    const found = key ? await options.keys.authenticate(key) : undefined;
    if (!found) return refuse("that API key is unknown or revoked", 401);
    const role = dashboardRoleOf(found.principal);
    if (!role) return refuse(`principal ${found.principal.id} has none of the dashboard roles (viewer, approver, admin)`, 403);
    const session = await sessions.create({ principal: found.principal, role, keyId: found.id });
    deleteCookie(c, signInCookie, { path: base });
    setCookie(c, sessionCookie, session.id, cookieOptions);
    return c.redirect(`${base}/overview`, 303);
  });

  // Everything below needs a session; state changes also need the session's CSRF token.
  app.use("*", async (c, next) => {
    let session = await sessions.get(getCookie(c, sessionCookie));
    // A revoked key ends every session signed in with it, on whichever worker or replica sees it first.
    if (session && !(await options.keys.isLive(session.keyId))) {
      await sessions.endForKey(session.keyId);
      session = undefined;
    }
    const wantsHtml = c.req.method === "GET" && (c.req.header("accept") ?? "").includes("text/html") && !c.req.path.includes("/api/");
    if (!session) {
      if (getCookie(c, sessionCookie) !== undefined) deleteCookie(c, sessionCookie, { path: base });
      return wantsHtml ? c.redirect(`${base}/sign-in`, 303) : c.json({ error: "not signed in", signIn: `${base}/sign-in` }, 401);
    }
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const contentType = c.req.header("content-type") ?? "";
      const form = contentType.includes("form") ? await c.req.parseBody() : {};
      const given = c.req.header("x-csrf-token") ?? (typeof form._csrf === "string" ? form._csrf : undefined);
      if (!sameToken(session.csrfToken, given)) return c.json({ error: "missing or wrong CSRF token: reload the page and try again" }, 403);
    }
    c.set("session", session);
    await next();
  });

  const forbid = (c: Context<Env>, action: DashboardAction) =>
    c.html(page({ title: "Not allowed", section: undefined, session: c.get("session"), base, body: html`<p class="error" role="alert">This needs the ${roleNeededFor(action)} role; you are signed in as ${c.get("session").role}.</p>` }), 403);
  const allowed = (c: Context<Env>, action: DashboardAction) => mayDo(c.get("session").role, action);
  const show = (c: Context<Env>, title: string, section: Section, body: Html, status: 200 | 400 | 404 | 409 = 200, charts = false) =>
    c.html(page({ title, section, session: c.get("session"), base, body, charts }), status);

  app.post("/sign-out", async (c) => {
    await sessions.end(c.get("session").id);
    deleteCookie(c, sessionCookie, { path: base });
    return c.redirect(`${base}/sign-in`, 303);
  });

  const overview = async (c: Context<Env>) => {
    await options.runIndex.catchUp();
    const runs = (await options.runIndex.recent(2000)).reverse();
    const tools = await options.runIndex.toolRates(runs[0]?.firstSeq ?? 0);
    return show(c, "Overview", "overview", overviewPage(runs, tools), 200, true);
  };
  // Mounted with app.route, "/" is the bare base (/ui); /ui/ is answered by the catch-all at the end.
  app.get("/", overview);
  app.get("/overview", overview);

  const filterOf = (c: Context<Env>): RunFilter | string => {
    const query = c.req.query();
    const filter: RunFilter = {};
    if (query.principal) filter.principal = query.principal;
    if (query.tool) filter.tool = query.tool;
    if (query.status) {
      if (!runStatuses.includes(query.status as RunStatus)) return `status ${query.status}: use one of ${runStatuses.join(", ")}`;
      filter.status = query.status as RunStatus;
    }
    if (query.verdict) {
      if (!runVerdicts.includes(query.verdict as RunVerdict)) return `verdict ${query.verdict}: use one of ${runVerdicts.join(", ")}`;
      filter.verdict = query.verdict as RunVerdict;
    }
    for (const bound of ["from", "to"] as const) {
      const value = query[bound];
      if (!value) continue;
      const time = Date.parse(value.endsWith("Z") || /[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
      if (Number.isNaN(time)) return `${bound} ${value}: not a time; use e.g. 2026-12-07T09:30 (UTC)`;
      filter[bound] = new Date(time).toISOString();
    }
    return filter;
  };
  const beforeOf = (c: Context<Env>): number | undefined | string => {
    const before = c.req.query("before");
    if (before === undefined || before === "") return undefined;
    return /^\d+$/.test(before) ? Number(before) : `before ${before}: must be an event number from the "Older runs" link`;
  };

  app.get("/runs", async (c) => {
    const filter = filterOf(c);
    const before = beforeOf(c);
    if (typeof filter === "string" || typeof before === "string") return show(c, "Runs", "runs", html`<p class="error" role="alert">${typeof filter === "string" ? filter : before}</p>`, 400);
    await options.runIndex.catchUp();
    const result = await options.runIndex.page(filter, before === undefined ? {} : { before });
    return show(c, "Runs", "runs", html`${runsFilters(base, filter)}${runsTable(base, filter, result)}`);
  });

  app.get("/api/runs", async (c) => {
    const filter = filterOf(c);
    const before = beforeOf(c);
    if (typeof filter === "string" || typeof before === "string") return c.json({ error: typeof filter === "string" ? filter : before }, 400);
    await options.runIndex.catchUp();
    return c.json(await options.runIndex.page(filter, before === undefined ? {} : { before }));
  });

  const runOf = async (traceId: string) => auditedRun(await options.audit.read({ traceId }), traceId);

  app.get("/runs/:traceId", async (c) => {
    const run = await runOf(c.req.param("traceId"));
    if (!run) return show(c, "Trace", "runs", html`<p class="error" role="alert">no run ${c.req.param("traceId")} in ${options.audit.url}</p>`, 404);
    return show(c, `Trace ${run.traceId.slice(0, 13)}`, "runs", tracePage(base, run, { mayExport: allowed(c, "export") }));
  });

  app.get("/api/runs/:traceId", async (c) => {
    const run = await runOf(c.req.param("traceId"));
    return run ? c.json({ traceId: run.traceId, started: run.started, finished: run.finished, steps: run.steps }) : c.json({ error: `no run ${c.req.param("traceId")}` }, 404);
  });

  app.get("/runs/:traceId/export.jsonl", async (c) => {
    if (!allowed(c, "export")) return forbid(c, "export");
    const events = await options.audit.read({ traceId: c.req.param("traceId") });
    if (events.length === 0) return c.json({ error: `no run ${c.req.param("traceId")}` }, 404);
    return c.body(auditEventsToJsonl(events), 200, { "content-type": "application/x-ndjson", "content-disposition": `attachment; filename="trace-${c.req.param("traceId")}.jsonl"` });
  });

  app.get("/runs/:traceId/export.otlp.json", async (c) => {
    if (!allowed(c, "export")) return forbid(c, "export");
    const events = await options.audit.read({ traceId: c.req.param("traceId") });
    if (events.length === 0) return c.json({ error: `no run ${c.req.param("traceId")}` }, 404);
    return c.body(await otlpJson(events), 200, { "content-type": "application/json", "content-disposition": `attachment; filename="trace-${c.req.param("traceId")}.otlp.json"` });
  });

  // Approvals
  const pendingApprovals = async () => (options.approvals ? await options.approvals.list({ status: "pending" }) : []);
  app.get("/approvals", async (c) => {
    if (!options.approvals) return show(c, "Approvals", "approvals", html`<p>No approval store is configured (start with <code>--approvals &lt;url&gt;</code>).</p>`);
    return show(c, "Approvals", "approvals", approvalsQueue(base, await pendingApprovals(), c.get("session"), allowed(c, "decide")));
  });
  app.get("/api/approvals", async (c) => c.json(await pendingApprovals()));

  const decide = (kind: "approve" | "deny") => async (c: Context<Env>) => {
    if (!allowed(c, "decide")) return forbid(c, "decide");
    const session = c.get("session");
    const store = options.approvals;
    const id = c.req.param("approvalId")!;
    const partial = c.req.header("hx-request") === "true";
    const answer = async (fragment: Html, status: 200 | 400 | 403 | 404 | 409) => {
      if (partial) return c.html(fragment, status === 200 ? 200 : status);
      return show(c, "Approvals", "approvals", approvalsQueue(base, await pendingApprovals(), session, true, fragment), status === 403 ? 409 : status);
    };
    if (!store) return answer(decisionError(undefined, "no approval store is configured"), 404);
    const entry = await store.get(id);
    if (!entry) return answer(decisionError(undefined, `no approval ${id}`), 404);
    if (entry.status !== "pending") return answer(decisionError(entry, `approval ${id} was already ${entry.status}${entry.grant ? ` by ${entry.grant.approver}` : ""}`), 409);
    const form = await c.req.parseBody();
    const reason = typeof form.reason === "string" ? form.reason.trim() : "";
    try {
      let decided;
      if (kind === "approve") {
        const editedText = typeof form.editedArguments === "string" ? form.editedArguments.trim() : "";
        let editedArguments: JsonValue | undefined;
        if (editedText !== "") {
          try {
            editedArguments = JSON.parse(editedText) as JsonValue;
          } catch (error) {
            return answer(html`${decisionError(entry, `the edited arguments are not JSON: ${(error as Error).message}`)}${approvalCard(base, entry, session, true, 0)}`, 400);
          }
          if (editedArguments === null || typeof editedArguments !== "object" || Array.isArray(editedArguments)) {
            return answer(html`${decisionError(entry, "the edited arguments must be a JSON object of all the arguments")}${approvalCard(base, entry, session, true, 0)}`, 400);
          }
        }
        decided = await store.approve(id, { approver: session.principal.id, roles: session.principal.roles ?? [], ...(reason ? { reason } : {}), ...(editedArguments !== undefined ? { editedArguments } : {}) });
      } else {
        if (reason === "") return answer(html`${decisionError(entry, "a denial needs a reason (the model is told it)")}${approvalCard(base, entry, session, true, 0)}`, 400);
        decided = await store.deny(id, { approver: session.principal.id, reason });
      }
      options.onDecided?.(id);
      if (partial) return c.html(decidedCard(decided));
      return c.redirect(`${base}/approvals`, 303);
    } catch (error) {
      return answer(decisionError(entry, (error as Error).message), 409);
    }
  };
  app.post("/approvals/:approvalId/approve", decide("approve"));
  app.post("/approvals/:approvalId/deny", decide("deny"));

  // Audit
  app.get("/audit", async (c) => {
    const head = options.audit.head ? await options.audit.head() : undefined;
    // The latest 50 re-approvals of changed tool definitions, read through the (type, seq) index.
    const pinApprovals = (await options.audit.read({ types: ["tool.pinned"] })).slice(-50);
    return show(c, "Audit", "audit", auditPage(base, { url: options.audit.url, head, lastSeq: options.runIndex.lastSeq, pinApprovals }, c.get("session"), { mayExport: allowed(c, "export"), mayCheckpoint: allowed(c, "checkpoint") }));
  });
  app.post("/audit/verify", async (c) => {
    const fragment = verifyResult(await options.audit.verify());
    return c.req.header("hx-request") === "true" ? c.html(fragment) : show(c, "Audit", "audit", fragment);
  });
  app.post("/audit/checkpoint", async (c) => {
    if (!allowed(c, "checkpoint")) return forbid(c, "checkpoint");
    const event = await options.audit.checkpoint();
    return show(c, "Audit", "audit", html`<p class="ok" role="status">Checkpoint written at event ${event.seq}.</p><p><a href="${base}/audit">Back to the audit page</a></p>`);
  });
  app.get("/audit/export.jsonl", (c) => {
    if (!allowed(c, "export")) return forbid(c, "export");
    c.header("content-type", "application/x-ndjson");
    c.header("content-disposition", 'attachment; filename="audit.jsonl"');
    // Page by page, so a chain of millions of events never sits in memory at once.
    return stream(c, async (out) => {
      let fromSeq = 1;
      for (;;) {
        const events = await options.audit.read({ fromSeq, limit: 5000 });
        if (events.length === 0) break;
        await out.write(auditEventsToJsonl(events));
        fromSeq = events.at(-1)!.seq + 1;
      }
    });
  });
  app.get("/audit/export.otlp.json", async (c) => {
    if (!allowed(c, "export")) return forbid(c, "export");
    await options.runIndex.catchUp();
    const latest = await options.runIndex.recent(500);
    const events = (await Promise.all(latest.map((run) => options.audit.read({ traceId: run.traceId })))).flat();
    return c.body(await otlpJson(events), 200, { "content-type": "application/json", "content-disposition": 'attachment; filename="audit.otlp.json"' });
  });

  // Evaluation
  const reports = async (): Promise<ReportFile[] | string> => {
    if (!options.evalDir) return "no evaluation folder is configured (start with --eval-dir <folder of eval run --out reports>)";
    const { isEvalReport } = await import("../eval/index.js");
    let names: string[];
    try {
      names = readdirSync(options.evalDir).filter((name) => name.endsWith(".json")).sort();
    } catch (error) {
      return `cannot read the evaluation folder ${options.evalDir}: ${(error as Error).message}`;
    }
    const files: ReportFile[] = [];
    for (const name of names) {
      try {
        const report: unknown = JSON.parse(readFileSync(join(options.evalDir, name), "utf8"));
        if (isEvalReport(report)) files.push({ name, report });
      } catch {
        // Not every JSON file in the folder is a report; the list shows only the ones that are.
      }
    }
    return files;
  };
  app.get("/eval", async (c) => {
    const files = await reports();
    if (typeof files === "string") return show(c, "Evaluation", "eval", html`<p>${files}</p>`);
    return show(c, "Evaluation", "eval", reportList(base, files, { a: files[0]?.name, b: files[1]?.name }));
  });
  app.get("/eval/report", async (c) => {
    const files = await reports();
    const file = typeof files === "string" ? undefined : files.find((entry) => entry.name === c.req.query("name"));
    if (!file) return show(c, "Evaluation", "eval", html`<p class="error" role="alert">no report ${c.req.query("name") ?? ""}</p>`, 404);
    return show(c, file.name, "eval", reportView(file), 200, true);
  });
  app.get("/eval/compare", async (c) => {
    const files = await reports();
    if (typeof files === "string") return show(c, "Evaluation", "eval", html`<p>${files}</p>`, 404);
    const a = files.find((entry) => entry.name === c.req.query("a"));
    const b = files.find((entry) => entry.name === c.req.query("b"));
    if (!a || !b) return show(c, "Compare", "eval", html`<p class="error" role="alert">choose two reports from the list (a=${c.req.query("a") ?? ""}, b=${c.req.query("b") ?? ""})</p>`, 400);
    const { compareRuns, toComparableRun } = await import("../eval/index.js");
    const comparison = compareRuns(toComparableRun(a.report, a.name), toComparableRun(b.report, b.name));
    return show(c, `Compare ${a.name} → ${b.name}`, "eval", html`${reportList(base, files, { a: a.name, b: b.name })}${comparisonView(comparison, c.req.query("metric") ?? "decision")}`, 200, true);
  });

  app.get("/*", (c) => {
    if (c.req.path === `${base}/`) return c.redirect(`${base}/overview`, 303);
    return show(c, "Not found", "overview", html`<p class="error" role="alert">nothing at ${c.req.path}</p>`, 404);
  });

  return app;
}
