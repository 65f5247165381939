// The page shell every dashboard page shares: navigation, the signed-in person, sign-out, scripts, styles.
import { html, raw } from "hono/html";
import type { DashboardSession } from "./sessions.js";

export type Html = ReturnType<typeof html>;

export type Section = "overview" | "runs" | "approvals" | "audit" | "eval";

const sections: Array<[Section, string, string]> = [
  ["overview", "Overview", "/overview"],
  ["runs", "Runs", "/runs"],
  ["approvals", "Approvals", "/approvals"],
  ["audit", "Audit", "/audit"],
  ["eval", "Evaluation", "/eval"],
];

const styles = `
:root { font-family: system-ui, sans-serif; color: #1b1f24; background: #f6f7f9; }
body { margin: 0; }
header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #1b1f24; color: #fff; }
header a { color: #cfd6e0; text-decoration: none; padding: .25rem .5rem; border-radius: 4px; }
header a[aria-current="page"] { background: #3b4452; color: #fff; }
header .who { margin-left: auto; font-size: .9rem; }
main { padding: 1rem; max-width: 1200px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e6ea; vertical-align: top; font-size: .9rem; }
code, pre { font-family: ui-monospace, monospace; font-size: .85rem; }
pre { white-space: pre-wrap; word-break: break-all; background: #f0f2f5; padding: .4rem; margin: .2rem 0; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 9px; font-size: .8rem; font-weight: 600; }
.v-denied, .k-policy-block { background: #fde2e1; color: #8a1c17; }
.v-invalid, .k-model-mistake { background: #fff1cc; color: #6b4e00; }
.k-routing-miss { background: #e6dcff; color: #3f2a87; }
.v-approval, .k-awaiting-approval { background: #dbeafe; color: #1e3a8a; }
.v-allowed, .k-ran, .s-ok { background: #dcfce7; color: #14532d; }
.s-error, .k-tool-failed { background: #fde2e1; color: #8a1c17; }
.s-pending { background: #dbeafe; color: #1e3a8a; }
.v-none, .s-running, .k-unfinished { background: #e5e7eb; color: #374151; }
.call { background: #fff; border: 1px solid #e3e6ea; border-radius: 6px; padding: .6rem; margin: .6rem 0; }
.call h3 { margin: 0 0 .4rem 0; font-size: 1rem; }
form.inline { display: inline; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: .8rem; }
.filters label { display: flex; flex-direction: column; font-size: .8rem; }
.error { background: #fde2e1; color: #8a1c17; padding: .5rem; border-radius: 4px; }
.ok { background: #dcfce7; color: #14532d; padding: .5rem; border-radius: 4px; }
.approval { background: #fff; border: 2px solid #e3e6ea; border-radius: 6px; padding: .6rem; margin: .6rem 0; }
.approval:focus, .approval:focus-within { border-color: #2563eb; outline: none; }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
.chart { background: #fff; padding: .5rem; margin: .5rem 0; }
`;

export function page(options: { title: string; section: Section | undefined; session: DashboardSession | undefined; base: string; body: Html; charts?: boolean }): Html {
  const { session, base } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · toolgate</title>
<style>${raw(styles)}</style>
${options.charts ? html`<link rel="stylesheet" href="${base}/assets/uplot.css"><script src="${base}/assets/uplot.js"></script>` : ""}
<script src="${base}/assets/htmx.js" defer></script>
<script src="${base}/assets/dashboard.js" defer></script>
</head>
<body${session ? html` data-csrf="${session.csrfToken}"` : ""}>
<header>
<strong>toolgate</strong>
${session
  ? html`<nav aria-label="sections">${sections.map(([key, label, path]) => html`<a href="${base}${path}"${options.section === key ? html` aria-current="page"` : ""}>${label}</a>`)}</nav>
<span class="who">${session.principal.id} · ${session.role}</span>
<form class="inline" method="post" action="${base}/sign-out"><input type="hidden" name="_csrf" value="${session.csrfToken}"><button type="submit">Sign out</button></form>`
  : ""}
</header>
<main id="main">
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}

export function csrfField(session: DashboardSession): Html {
  return html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
}

/** A JSON value shown as indented text (escaped by the template). */
export function jsonBlock(value: unknown): Html {
  return html`<pre>${value === undefined ? "—" : JSON.stringify(value, null, 2)}</pre>`;
}
