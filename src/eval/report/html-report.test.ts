// The HTML report: well-formed, self-contained (no URL, script or external asset), with a chart bar per category and metric.
import { describe, expect, it } from "vitest";
import { callsResults, caseResult, reportOf } from "../scoring/test-support/case-results.js";
import { renderHtmlReport } from "./html-report.js";

const voidElements = new Set(["meta", "br", "hr", "img", "input", "link"]);

/** A small well-formedness check: every non-void element closed, in order; SVG self-closing tags allowed. */
function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  const body = html.replace(/^<!doctype html>/i, "");
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = match;
    const name = (rawName as string).toLowerCase();
    if (voidElements.has(name) || selfClosing === "/") continue;
    if (closing === "") stack.push(name);
    else if (stack.pop() !== name) problems.push(`unexpected </${name}>`);
  }
  return [...problems, ...stack.map((name) => `unclosed <${name}>`)];
}

describe("renderHtmlReport", () => {
  const results = [
    ...callsResults("simple_python", 18, 20),
    ...callsResults("multiple", 15, 20),
    caseResult({ id: "book-1", category: "booking", kind: "effects", status: "failed", effects: { correct: false, changes: [{ path: "appointments[id=A-5008].slot_id", kind: "changed", expected: "S-3", actual: "S-4" }] }, reasons: ['effects: appointments[id=A-5008].slot_id: expected "S-3", got "S-4"'] }),
    caseResult({ id: "<script>alert(1)</script>", category: "simple_python", status: "error", error: "model down", reasons: ["error: model down & out"] }),
  ];
  const html = renderHtmlReport(reportOf(results, { model: "openai-compatible:http://127.0.0.1:9/v1#m" }));

  it("is a well-formed, self-contained document", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(unbalancedTags(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    expect(html).toContain("default-src 'none'");
    // The only URL is the model spec, shown as text.
    expect([...html.matchAll(/https?:\/\//g)]).toHaveLength(2);
    expect(html.match(/https?:\/\/[^\s<"]*/g)?.every((url) => url.startsWith("http://127.0.0.1:9/v1"))).toBe(true);
  });

  it("draws one bar per category and scored metric, with the counts", () => {
    const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toHaveLength(2);
    const metrics = charts[0] as string;
    // simple_python and multiple: decision, arguments, passed; booking: effects, passed; overall: all four.
    expect(metrics.match(/<rect x="170" y="\d+" width="[\d.]+" height="14" fill=/g)).toHaveLength(3 + 3 + 2 + 4);
    expect(metrics).toContain("arguments 75.0% (15/20)");
    expect(metrics).toContain("effects 0.0% (0/1)");
    expect(charts[1]).toContain("rejected");
  });

  it("escapes what models and cases write", () => {
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("error: model down &amp; out");
    expect(html).toContain("expected &quot;S-3&quot;, got &quot;S-4&quot;");
  });
});
