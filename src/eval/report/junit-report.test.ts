// JUnit XML: one testsuite per category, one testcase per case, failures and errors with their reasons.
import { describe, expect, it } from "vitest";
import { callsResults, caseResult, reportOf } from "../scoring/test-support/case-results.js";
import { renderJunitXml } from "./junit-report.js";

describe("renderJunitXml", () => {
  const xml = renderJunitXml(
    reportOf([
      ...callsResults("simple", 1, 2),
      caseResult({ id: "down", category: "irrelevance", kind: "no_call", status: "error", error: "x", reasons: ["error: connect ECONNREFUSED \u0001 <here>"], latencyMs: 1500 }),
    ]),
  );

  it("has the JUnit structure with counts per suite and overall", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="toolgate eval cases.yaml" tests="3" failures="1" errors="1"')).toBe(true);
    expect(xml).toMatch(/<testsuite name="simple" tests="2" failures="1" errors="0" skipped="0" time="0\.020"/);
    expect(xml).toMatch(/<testsuite name="irrelevance" tests="1" failures="0" errors="1" skipped="0" time="1\.500"/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<testcase classname="toolgate.eval.simple" name="simple_0" time="0.010"/>');
    expect(xml).toContain('<property name="model" value="scripted"/>');
  });

  it("writes failures and errors with the first reason as message and all as text, escaped", () => {
    expect(xml).toContain('<failure message="wrong_function: expected f, called g" type="wrong_function">wrong_function: expected f, called g</failure>');
    expect(xml).toContain('<error message="error: connect ECONNREFUSED  &lt;here&gt;" type="error">');
    expect(xml).not.toContain("\u0001");
    expect(xml.match(/<\/testsuite>/g)).toHaveLength(2);
    expect(xml.trimEnd().endsWith("</testsuites>")).toBe(true);
  });
});
