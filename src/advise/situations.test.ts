// The advisor's measured claim: on constructed evaluation situations with a known root cause, each run for real
// (cases, gate, BFCL's checker, a constructed model, real routers), the first recommendation names the right lever
// in at least 90% of them. The table in the failure message is the one README quotes.
import { describe, expect, it } from "vitest";
import { parseRecipe } from "../dataset/index.js";
import { adviseReports, adviseRuns } from "./advise-runs.js";
import type { Advice } from "./advice.js";
import { sideSituations } from "./test-support/side-situations.js";
import { reportsFor, situations } from "./test-support/situations.js";

describe("the advisor on constructed situations", () => {
  const advised = new Map<string, Advice>();
  const evalReports = new Map<string, Awaited<ReturnType<typeof reportsFor>>>();
  const firstRows: string[] = [];
  let firstRight = 0;

  it(`names the right lever first in ≥ 90% of ${situations.length} situations`, async () => {
    const rows: string[] = [];
    let right = 0;
    for (const situation of situations) {
      const reports = await reportsFor(situation);
      evalReports.set(situation.name, reports);
      const advice = adviseRuns(reports);
      advised.set(situation.name, advice);
      const first = advice.recommendations[0];
      const ok = first?.lever === situation.expected;
      if (ok) right += 1;
      rows.push(`${ok ? "✓" : "✗"} ${situation.name}: expected ${situation.expected}, got ${first?.lever ?? "nothing"} (${first?.finding ?? "-"})`);
    }
    expect(situations.length).toBeGreaterThanOrEqual(20);
    expect(right / situations.length, rows.join("\n")).toBeGreaterThanOrEqual(0.9);
    firstRows.push(...rows);
    firstRight = right;
  }, 600_000);

  it(`reads routing, security and dataset reports too: the right lever first in ≥ 90% of all ${situations.length + sideSituations.length} situations`, () => {
    const rows = [...firstRows];
    let right = firstRight;
    for (const situation of sideSituations) {
      const evalRuns = situation.withEval ? (evalReports.get(situation.withEval) ?? expect.fail(`no eval situation ${situation.withEval}`)) : [];
      const advice = adviseReports([...evalRuns, ...situation.reports]);
      advised.set(situation.name, advice);
      const first = advice.recommendations[0];
      const ok = first?.lever === situation.expected && (situation.expectedFinding === undefined || first.finding === situation.expectedFinding);
      if (ok) right += 1;
      rows.push(`${ok ? "✓" : "✗"} ${situation.name}: expected ${situation.expected}${situation.expectedFinding ? ` (${situation.expectedFinding})` : ""}, got ${first?.lever ?? "nothing"} (${first?.finding ?? "-"})`);
    }
    const total = situations.length + sideSituations.length;
    expect(sideSituations.length).toBeGreaterThanOrEqual(8);
    expect(right / total, rows.join("\n")).toBeGreaterThanOrEqual(0.9);
    // The side situations on their own, so a regression there cannot hide behind the eval ones.
    expect(rows.slice(-sideSituations.length).filter((row) => row.startsWith("✓")).length / sideSituations.length, rows.slice(-sideSituations.length).join("\n")).toBeGreaterThanOrEqual(0.9);
    // Leaking rows come before the fine-tuning step they would spoil, and name the rows.
    const leaking = advised.get("leaking-rows-before-tuning")!.recommendations;
    expect(leaking[0]?.evidence).toMatchObject({ cases: 12, of: 300, examples: ["row-0", "row-1", "row-2"] });
    expect(leaking[1]?.lever).toBe("fine-tuning");
    // The security advice names the defence that stopped the attacks, with utility beside it.
    expect(advised.get("agentdojo-injections-through")!.recommendations[0]?.action).toMatch(/move to the taint defence \(1\/249 through, utility 25\/37\)/);
    // The dataset gap is reported after the eval's own first step.
    expect(advised.get("irrelevant-calls-and-no-no-call-rows")!.recommendations.map((recommendation) => recommendation.finding)).toContain("dataset-gap");
  });

  it("backs every recommendation with counts, an interval, example cases and an experiment", () => {
    expect(advised.size).toBe(situations.length + sideSituations.length);
    for (const [name, advice] of advised) {
      for (const recommendation of advice.recommendations) {
        const { evidence } = recommendation;
        expect(evidence.of, name).toBeGreaterThan(0);
        expect(evidence.interval.low, name).toBeLessThanOrEqual(evidence.cases / evidence.of);
        expect(evidence.interval.high, name).toBeGreaterThanOrEqual(evidence.cases / evidence.of);
        if (recommendation.lever === "none") continue;
        expect(evidence.examples.length, name).toBeGreaterThan(0);
        expect(recommendation.experiment?.commands.length, name).toBeGreaterThan(0);
      }
    }
  });

  it("says why it passed over prompting when the same finding survived a prompting change", () => {
    const persisted = advised.get("dates-persist-after-descriptions")?.recommendations[0];
    expect(persisted?.lever).toBe("fine-tuning");
    expect(persisted?.escalation).toMatch(/run-1\.json \(6\/30 cases\).*run-2\.json \(6\/30/);
    // When the change worked, the advisor does not escalate: the latest run is healthy.
    expect(advised.get("descriptions-fixed-dates")?.recommendations[0]?.finding).toBe("healthy");
  });

  it("writes training recipes that `toolgate dataset build` accepts, and a routing experiment `--run` can start", () => {
    const recipes = [...advised.values()].flatMap((advice) => advice.recommendations.flatMap((recommendation) => (recommendation.recipe ? [recommendation.recipe] : [])));
    expect(recipes.length).toBeGreaterThan(5);
    for (const recipe of recipes) expect(parseRecipe(recipe, "advise.yaml").steps.map((step) => step.name)).toContain("export");
    const hidden = advised.get("router-hides-tool")?.recommendations[0];
    expect(hidden?.finding).toBe("routing-miss");
    expect(hidden?.experiment?.runnable).toEqual({ evalRunArgs: ["--router", "hybrid"], out: "advise-hybrid" });
    expect(hidden?.evidence.details.join("\n")).toMatch(/issue_refund not exposed: 6 cases/);
  });
});
