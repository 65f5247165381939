// `toolgate advise` through main(): a real `eval run` against a loopback model, then the advice on its report; the
// training recipe; --run starting the confirming experiment as toolgate processes; bad input.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import type { Advice } from "../advise/index.js";
import { reportsFor, situations } from "../advise/test-support/situations.js";
import { parseRecipe } from "../dataset/index.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;

const meetingTool = `{ name: book_meeting, description: Book a meeting., parameters: { type: object, properties: { date: { type: string, description: The day. }, attendee: { type: string } }, required: [date, attendee] } }`;
const orderTool = `{ name: get_order, description: Get an order., parameters: { type: object, properties: { order_id: { type: string } }, required: [order_id] } }`;
const days = [3, 8, 14, 21, 27];
const casesYaml = days
  .map(
    (day) => `- id: meet-${day}
  category: calendar
  messages: [{ role: user, content: "Meet dana@example.com on March ${day}, 2025." }]
  tools: [${meetingTool}, ${orderTool}]
  expect: { calls: [{ book_meeting: { date: ["2025-03-${String(day).padStart(2, "0")}"], attendee: ["dana@example.com"] } }] }
`,
  )
  .join("");

describe("toolgate advise", () => {
  it("reads a real eval run's report and recommends describing the date form first, with evidence and a recipe", async () => {
    // The model writes US dates: the same digits in another order, a format problem.
    loopback.server.script(days.map((day) => ({ toolCalls: [{ name: "book_meeting", arguments: { date: `03/${String(day).padStart(2, "0")}/2025`, attendee: "dana@example.com" } }] })));
    const cwd = dirs.make();
    writeFileSync(join(cwd, "cases.yaml"), casesYaml);
    const evalRun = await cli(["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--concurrency", "1", "--out", "base"], cwd);
    expect(evalRun.err).toMatch(/0 passed · 5 failed/);

    const text = await cli(["advise", "base"], cwd);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^1\. PROMPTING — arguments in the wrong form \(book_meeting\.date\) \(argument-format: 5\/5 cases, 95% CI 57%–100%\)/m);
    expect(text.out).toMatch(/book_meeting\.date: 5 cases, e\.g\. expected "2025-03-03", got "03\/03\/2025"/);
    expect(text.out).toContain("$ toolgate eval compare base advise-schema-descriptions/report.json");

    const json = await cli(["advise", "base/report.json", "--json", "--recipe", "recipe.yaml"], cwd);
    const advice = JSON.parse(json.out) as Advice;
    expect(advice.recommendations[0]).toMatchObject({ lever: "prompting", finding: "argument-format", evidence: { cases: 5, of: 5 } });
    expect(json.err).toMatch(/wrote the training recipe .* to recipe\.yaml/);
    const recipe = parseRecipe(readFileSync(join(cwd, "recipe.yaml"), "utf8"), "recipe.yaml");
    expect(recipe.steps.map((step) => step.name)).toEqual(["import-traces", "verify", "dedupe", "leakage", "split", "export"]);
    expect(recipe.steps.find((step) => step.name === "leakage")?.options).toMatchObject({ eval: ["cases.yaml"] });

    // Prompting needs an edit of the team's before it can be tried: --run says so instead of guessing.
    const run = await cli(["advise", "base", "--run"], cwd);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/needs a change of yours before it can be tried/);
  }, 120_000);

  it("--run runs a routing experiment as toolgate processes: eval run with every tool in view, then eval compare", async () => {
    const situation = situations.find((candidate) => candidate.name === "router-hides-some");
    if (!situation) throw new Error("the router-hides-some situation is missing");
    const [hidden] = await reportsFor({ ...situation, runs: situation.runs.slice(0, 1) });
    if (!hidden) throw new Error("no report");
    const cwd = dirs.make();
    // The report names the suite and model the experiment re-runs: the situation's cases, and the loopback model.
    writeFileSync(join(cwd, "cases.yaml"), stringify(situation.runs[0]?.cases ?? []));
    writeFileSync(join(cwd, "routed.json"), JSON.stringify({ ...hidden.report, suite: "cases.yaml", model: loopback.server.modelSpec }));
    loopback.server.script([], { text: "Done." });

    const { code, out, err } = await cli(["advise", "routed.json", "--run"], cwd);
    expect(out).toMatch(/^1\. ROUTING — the router left the expected tool out of view/m);
    // 32 tools are too many to show whole: the experiment is the hybrid router, run as its own toolgate process.
    expect(err).toMatch(/running the experiment: eval run cases\.yaml --model \S+ --router hybrid --out advise-hybrid/);
    const experiment = JSON.parse(readFileSync(join(cwd, "advise-hybrid", "report.json"), "utf8")) as { suite: string; results: unknown[] };
    expect(experiment.results).toHaveLength(situation.runs[0]?.cases.length ?? -1);
    expect(loopback.server.received.length).toBeGreaterThan(0);
    // eval compare of the two runs closes it (the loopback model answers in text, so the candidate is worse).
    expect(out).toMatch(/category\s+metric\s+A routed\.json\s+B advise-hybrid\/report\.json\s+Δ \(B−A\)/);
    expect([0, 1]).toContain(code);
  }, 180_000);

  it("refuses what is not an evaluation report, with the file named", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "score.json"), JSON.stringify({ summary: {} }));
    const missing = await cli(["advise", "nope.json"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.json: no such file/);
    const wrong = await cli(["advise", "score.json"], cwd);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/score\.json: not a report the advisor reads: an eval run's report\.json/);
  });

  it("reads a routing benchmark (with npm's banner), an attack suite and a dataset report by their content", async () => {
    const cwd = dirs.make();
    const router = (name: string, goldExposed: number) => ({ router: name, queries: 4163, goldExposed, meanExposed: 8, meanAreas: 0, fallbacks: 0 });
    const bench = { bench: "route", metaTool: { routers: [router("bm25 router (k 8)", 0.672), router("hybrid + enriched (default areas)", 0.972)] } };
    writeFileSync(join(cwd, "route.txt"), `\n> toolgate@0.1.0 bench:route\n> tsx bench/route.bench.ts --json\n\n${JSON.stringify(bench)}\n`);
    const routing = await cli(["advise", "route.txt"], cwd);
    expect(routing.code).toBe(0);
    expect(routing.out).toMatch(/^1\. ROUTING — hybrid \+ enriched \(default areas\) exposes the gold tool for 97% of held-out requests, bm25 router \(k 8\) for 67% \(routing-recall: 1249\/4163 cases/m);
    expect(routing.out).toMatch(/\$ toolgate eval run <cases\.yaml> --model <spec> --router hybrid --examples <examples\.json>/);
    writeFileSync(join(cwd, "jailbreak.json"), JSON.stringify({ suite: "jailbreak-function", results: [{ variant: "default", total: 20, refused: 18, byDefence: {}, through: ["s1", "s2"] }] }));
    writeFileSync(join(cwd, "leakage.json"), JSON.stringify({ rows: 50, leaking: [{ id: "r7" }], evalItems: 10, bySet: { "cases.yaml": 1 } }));
    const json = await cli(["advise", "route.txt", "jailbreak.json", "leakage.json", "--json"], cwd);
    const advice = JSON.parse(json.out) as Advice;
    expect(advice.recommendations.map((recommendation) => `${recommendation.lever}:${recommendation.finding}`)).toEqual(["security:attacks-succeed", "routing:routing-recall", "fine-tuning:dataset-leakage"]);
    expect(advice.notes).toContain("no evaluation report given: the advice rests on the other reports alone");
    const run = await cli(["advise", "route.txt", "--run"], cwd);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--run re-runs an evaluation: pass the eval run's report too/);
  });
});
