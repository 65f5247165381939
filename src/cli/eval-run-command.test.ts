// `toolgate eval run` through main(): case files and BFCL suites against loopback servers, reports, the cache and thresholds.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RecordedAnswer } from "../suites/bfcl/runner/test-support/recorded-answers-server.js";
import { questionKey, startRecordedAnswersServer } from "../suites/bfcl/runner/test-support/recorded-answers-server.js";
import type { EvalReport } from "../eval/index.js";
import { describeWithShared, sharedPath } from "../test-support/shared-data.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli: runCli } = loopback;

const weatherTool = `{ name: get_weather, description: Current weather for a city., parameters: { type: object, properties: { city: { type: string }, unit: { type: string, enum: [c, f] } }, required: [city] } }`;

const casesYaml = `- id: paris
  category: weather
  messages: [{ role: user, content: "Weather in Paris, in celsius?" }]
  tools: [${weatherTool}]
  expect:
    calls: [{ get_weather: { city: ["Paris"], unit: ["c", ""] } }]
- id: berlin
  category: weather
  messages: [{ role: user, content: "Weather in Berlin?" }]
  tools: [${weatherTool}]
  expect:
    calls: [{ get_weather: { city: ["Berlin"], unit: [""] } }]
- id: hello
  category: chit-chat
  messages: [{ role: user, content: "hello" }]
  tools: [${weatherTool}]
  expect: { no_call: true }
`;

/** Paris right, Berlin with a unit nobody asked for, hello answered in words. */
const replies = [
  { toolCalls: [{ name: "get_weather", arguments: { city: "Paris", unit: "c" } }] },
  { toolCalls: [{ name: "get_weather", arguments: { city: "Berlin", unit: "f" } }] },
  { text: "Hello! Ask me about the weather." },
];

function casesDir(): string {
  const cwd = dirs.make();
  writeFileSync(join(cwd, "cases.yaml"), casesYaml);
  return cwd;
}

describe("toolgate eval run <cases>", () => {
  it("runs every case through the gate and prints the table, failures and error kinds; writes HTML and JUnit", async () => {
    loopback.server.script(replies);
    const cwd = casesDir();
    const { code, out, err } = await runCli(
      ["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--concurrency", "1", "--out", "out", "--html", "report.html", "--junit", "junit.xml"],
      cwd,
    );

    expect(code).toBe(0);
    expect(err).toMatch(/toolgate eval: 3\/3 · 2 passed · 1 failed/);
    expect(out).toMatch(/^chit-chat\s+1\s+100\.0% \(1\/1\)\s+—\s+—\s+100\.0% \(1\/1\)/m);
    expect(out).toMatch(/^weather\s+2\s+100\.0% \(2\/2\)\s+50\.0% \(1\/2\)\s+—\s+50\.0% \(1\/2\)/m);
    expect(out).toMatch(/^overall\s+3\s+100\.0% \(3\/3\)\s+50\.0% \(1\/2\)/m);
    expect(out).toContain("failed  berlin: value_error (get_weather.unit): Invalid value for parameter 'unit': 'f'. Expected one of ['']. Case insensitive.");
    expect(out).toContain("errors: value_error 1");
    expect(out).toContain(`report: ${join(cwd, "out", "report.json")}`);
    expect(loopback.server.received).toHaveLength(3);

    const report = JSON.parse(readFileSync(join(cwd, "out", "report.json"), "utf8")) as EvalReport;
    expect(report.results.find((result) => result.id === "berlin")?.arguments?.errors[0]).toMatchObject({ code: "value_error", function: "get_weather", param: "unit", source: "value_error:string" });
    expect(readFileSync(join(cwd, "report.html"), "utf8")).toContain("<svg");
    expect(readFileSync(join(cwd, "junit.xml"), "utf8")).toMatch(/<testcase classname="toolgate.eval.weather" name="berlin" time="[\d.]+">\n\s+<failure message="value_error/);
  });

  it("resumes from the cache: a second run asks the model nothing", async () => {
    loopback.server.script(replies);
    const cwd = casesDir();
    const args = ["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--concurrency", "1", "--out", "out"];
    expect((await runCli(args, cwd)).code).toBe(0);
    expect(loopback.server.received).toHaveLength(3);

    const again = await runCli([...args, "--json"], cwd);
    expect(again.code).toBe(0);
    expect(loopback.server.received).toHaveLength(3);
    const report = JSON.parse(again.out) as EvalReport;
    expect(report.cached).toBe(3);
    expect(report.summary.overall.passed).toEqual({ correct: 2, total: 3, rate: 2 / 3 });

    loopback.server.script(replies);
    expect((await runCli([...args, "--no-cache"], cwd)).code).toBe(0);
    expect(loopback.server.received).toHaveLength(6);
  });

  it("--min makes the run exit 1 and names every threshold missed", async () => {
    loopback.server.script(replies);
    const { code, err } = await runCli(
      ["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--concurrency", "1", "--out", "out", "--min", "decision=0.9", "--min", "arguments=0.8", "--min", "weather.passed=60%", "--min", "effects=0.5"],
      casesDir(),
    );
    expect(code).toBe(1);
    expect(err).toContain("toolgate: below threshold: arguments: 50.0% is below the minimum 80.0%\n");
    expect(err).toContain("toolgate: below threshold: weather.passed: 50.0% is below the minimum 60.0%\n");
    expect(err).toContain("toolgate: below threshold: effects: not measured by this run (wanted at least 50.0%)\n");
    expect(err).not.toContain("decision:");
  });

  it("reports an unreachable model as an error to fix, with exit 1", async () => {
    loopback.server.script([{ status: 400, error: "model not loaded" }], { status: 400, error: "model not loaded" });
    const { code, err } = await runCli(["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--out", "out", "--limit", "1"], casesDir());
    expect(code).toBe(1);
    expect(err).toMatch(/toolgate: 1 case could not be run \(first: paris: .*model not loaded.*\); fix the cause and run again/);
    loopback.server.script([], { text: "(script exhausted)" });
  });

  it("rejects a bad case file with file:line and the fix, before any model call", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "bad.yaml"), "- id: x\n  messages: [{ role: user, content: hi }]\n  tools: [find_customer]\n  expect: { calls: [{ find_customer: { email: a@b.c } }] }\n");
    const { code, err } = await runCli(["eval", "run", "bad.yaml", "--model", loopback.server.modelSpec], cwd);
    expect(code).toBe(2);
    expect(err).toMatch(/^toolgate: invalid case file:\n.*bad\.yaml:4: case x\.expect\.calls\[0\]\.find_customer\.email: list the allowed values/);
    expect(loopback.server.received).toHaveLength(0);
  });

  it("needs exactly one of a case file and --suite, and --data for BFCL", async () => {
    const cwd = casesDir();
    const neither = await runCli(["eval", "run", "--model", loopback.server.modelSpec], cwd);
    expect(neither.code).toBe(2);
    expect(neither.err).toContain("toolgate: give a case file or --suite bfcl:<category>[,…], not both or neither");
    const noData = await runCli(["eval", "run", "--suite", "bfcl:simple_python", "--model", loopback.server.modelSpec], cwd);
    expect(noData.code).toBe(2);
    expect(noData.err).toContain("toolgate: --suite bfcl:simple_python needs --data <dir>");
    const agentic = await runCli(["eval", "run", "--suite", "bfcl:web_search_base", "--data", ".", "--model", loopback.server.modelSpec], cwd);
    expect(agentic.code).toBe(2);
    expect(agentic.err).toContain("toolgate: --suite bfcl:web_search_base: web_search_base needs BFCL's live web search backend");
  });

  it("passes --router through to the agent loop's tool selection", async () => {
    loopback.server.script(replies);
    const { code } = await runCli(["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--concurrency", "1", "--out", "out", "--router", "bm25", "--json"], casesDir());
    expect(code).toBe(0);
    // bm25 exposes what matches the request; with one tool in the case, that tool (plus its search_tools meta-tool, if any).
    expect(loopback.server.received[0]?.body.tools?.map((tool) => tool.function.name)).toContain("get_weather");
    const unknown = await runCli(["eval", "run", "cases.yaml", "--model", loopback.server.modelSpec, "--router", "magic"], casesDir());
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--router.*magic.*Allowed choices are flat, bm25/);
  });
});

describeWithShared("toolgate eval run --suite bfcl:… (end to end, recorded answers)", () => {
  const categories = ["simple_python", "multiple"];
  const perCategory = 20;
  const recordedModel = "glyphh-ada-1.1";
  const readLines = (path: string) =>
    readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => ({ text: line, value: JSON.parse(line) as Record<string, unknown> & { id: string } }));
  const recordedFile = (category: string) => sharedPath("data", "bfcl-results", recordedModel, "result", recordedModel, "non_live", `BFCL_v4_${category}_result.json`);

  it("writes result files eval score scores exactly as it scores the recorded originals of the same entries", async () => {
    const dataDir = sharedPath("data", "bfcl");
    // The first 20 questions of each category, answered with what the recorded model answered to each.
    const answers = new Map<string, RecordedAnswer>();
    const recordedSubset = new Map<string, string[]>();
    for (const category of categories) {
      const questions = readLines(join(dataDir, `BFCL_v4_${category}.json`)).slice(0, perCategory);
      const recorded = new Map(readLines(recordedFile(category)).map((line) => [line.value.id, line]));
      const lines: string[] = [];
      for (const question of questions) {
        const entry = recorded.get(question.value.id);
        if (!entry) throw new Error(`no recorded result for ${question.value.id}`);
        const key = questionKey((question.value.question as Array<Array<{ role: string; content: string }>>)[0] ?? []);
        expect(answers.has(key), `two questions share the prompt of ${question.value.id}`).toBe(false);
        answers.set(key, { result: entry.value.result, inputTokens: Number(entry.value.input_token_count), outputTokens: Number(entry.value.output_token_count) });
        lines.push(entry.text);
      }
      recordedSubset.set(category, lines);
    }
    const recordedServer = await startRecordedAnswersServer(answers, recordedModel);
    const cwd = dirs.make();
    try {
      const run = await runCli(
        ["eval", "run", "--suite", `bfcl:${categories.join(",")}`, "--data", dataDir, "--model", recordedServer.modelSpec, "--limit", String(perCategory), "--concurrency", "4", "--out", "out", "--json"],
        cwd,
      );
      expect(run.err).not.toContain("could not be run");
      expect(run.code).toBe(0);
      expect(recordedServer.unanswered).toEqual([]);
      expect(recordedServer.requests).toBe(categories.length * perCategory);

      // BFCL's format, in BFCL's layout, with the recorded model's calls and token counts.
      const written = (category: string) => readLines(join(cwd, "out", "result", recordedModel, "non_live", `BFCL_v4_${category}_result.json`));
      for (const category of categories) {
        const lines = written(category);
        expect(lines).toHaveLength(perCategory);
        const originals = new Map((recordedSubset.get(category) ?? []).map((text) => [(JSON.parse(text) as { id: string }).id, JSON.parse(text) as Record<string, unknown>]));
        for (const { value } of lines) {
          // BFCL's keys, then the naming the file declares so `eval score` reads it back under the same spelling.
          expect(Object.keys(value)).toEqual(["id", "result", "input_token_count", "output_token_count", "latency", "function_names"]);
          expect(value.function_names).toBe("original");
          expect(typeof value.latency).toBe("number");
          const original = originals.get(value.id);
          expect(value.result, value.id).toEqual(original?.result);
          expect(value.input_token_count).toBe(original?.input_token_count);
        }
      }

      // The recorded originals of the same entries, in the same layout, scored by `toolgate eval score`.
      const recordedDir = join(cwd, "recorded", recordedModel, "non_live");
      mkdirSync(recordedDir, { recursive: true });
      for (const category of categories) writeFileSync(join(recordedDir, `BFCL_v4_${category}_result.json`), `${(recordedSubset.get(category) ?? []).join("\n")}\n`);
      const score = async (dir: string) => {
        const scored = await runCli(["eval", "score", "--bfcl", dir, "--data", dataDir, "--partial", "--json"], cwd);
        expect(scored.code).toBe(0);
        return JSON.parse(scored.out.trim().split("\n").at(-1) as string) as { categories: Record<string, { correct: number; total: number; failed: Array<{ id: string }> }> };
      };
      const ours = await score(join(cwd, "out", "result", recordedModel));
      const theirs = await score(join(cwd, "recorded", recordedModel));
      expect(ours).toEqual(theirs);
      expect(Object.keys(ours.categories)).toEqual(categories);
      expect(ours.categories.simple_python?.total).toBe(perCategory);

      // `eval run --json` ends with that same summary, and its own per-case argument verdicts agree with it.
      const report = JSON.parse(run.out) as EvalReport;
      expect(Object.keys(report).at(-1)).toBe("bfcl");
      expect(report.bfcl).toEqual(ours);
      const failedIds = new Set(Object.values(ours.categories).flatMap((category) => category.failed.map((failure) => failure.id)));
      for (const result of report.results) expect(result.arguments?.correct, result.id).toBe(!failedIds.has(result.id));
      expect(report.summary.categories.simple_python?.arguments.correct).toBe(ours.categories.simple_python?.correct);

      // Again, from the cache (no request reaches the model), now with BFCL accuracy thresholds for CI.
      const gated = await runCli(
        ["eval", "run", "--suite", `bfcl:${categories.join(",")}`, "--data", dataDir, "--model", recordedServer.modelSpec, "--limit", String(perCategory), "--out", "out", "--min", "accuracy=0.9", "--min", "simple_python.accuracy=0.99"],
        cwd,
      );
      expect(recordedServer.requests).toBe(categories.length * perCategory);
      expect(gated.out).toContain(`${categories.length * perCategory} cases · ${categories.length * perCategory} from cache`);
      // The recorded model misses at least one of these simple_python entries, so 99% cannot be met.
      expect(ours.categories.simple_python?.correct).toBeLessThan(perCategory);
      expect(gated.code).toBe(1);
      expect(gated.err).toContain(`toolgate: below threshold: simple_python.accuracy: ${(((ours.categories.simple_python?.correct ?? 0) / perCategory) * 100).toFixed(1)}% is below the minimum 99.0%`);
      expect(gated.err).not.toContain("below threshold: accuracy:");
    } finally {
      await recordedServer.close();
    }
  });
}, "data", "bfcl-results");
