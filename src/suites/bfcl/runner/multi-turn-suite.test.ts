// `toolgate eval run --suite bfcl:multi_turn_*` end to end: recorded answers replayed step by step through the gate score as the originals.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { main } from "../../../cli/main.js";
import { capturedIo } from "../../../cli/test-support/captured-io.js";
import { tempDirs } from "../../../cli/test-support/temp-dir.js";
import { sharedPath, describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import type { EvalReport } from "../../../eval/index.js";
import { additionalFunctionPrompt } from "./multi-turn-entry.js";
import type { RecordedEntry, RecordedTurns } from "./test-support/multi-turn-recorded-server.js";
import { startRecordedMultiTurnServer } from "./test-support/multi-turn-recorded-server.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const recordedModel = "glyphh-ada-1.1";
const dataDir = whenShared(["data", "bfcl"], () => sharedPath("data", "bfcl"), "");
const readLines = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((text) => ({ text, value: JSON.parse(text) as Record<string, unknown> & { id: string } }));
const recordedFile = (category: string) => sharedPath("data", "bfcl-results", recordedModel, "result", recordedModel, "multi_turn", `BFCL_v4_${category}_result.json`);

interface ScoreSummary {
  categories: Record<string, { accuracy: number; correct: number; total: number; failed: Array<{ id: string; error_type: string }> }>;
}

async function runCli(args: string[], cwd: string) {
  const io = capturedIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The first `limit` questions of a category, with the recorded model's answers to each. */
function recordedAnswers(category: string, limit: number) {
  const questions = readLines(join(dataDir, `BFCL_v4_${category}.json`)).slice(0, limit);
  const recorded = new Map(readLines(recordedFile(category)).map((line) => [line.value.id, line]));
  const entries: RecordedEntry[] = [];
  const originals: string[] = [];
  for (const question of questions) {
    const line = recorded.get(question.value.id);
    if (!line) throw new Error(`no recorded result for ${question.value.id}`);
    const userTurns = (question.value.question as Array<Array<{ content: string }>>).map((turn) => turn[0]?.content ?? additionalFunctionPrompt);
    entries.push({ userTurns, result: line.value.result as RecordedTurns });
    originals.push(line.text);
  }
  return { questions, entries, originals };
}

/** Scores a result folder with `toolgate eval score --partial --json`. */
async function score(dir: string, cwd: string): Promise<ScoreSummary> {
  const scored = await runCli(["eval", "score", "--bfcl", dir, "--data", dataDir, "--partial", "--json"], cwd);
  expect(scored.code, scored.err).toBe(0);
  return JSON.parse(scored.out.trim().split("\n").at(-1) as string) as ScoreSummary;
}

/** The recorded originals of the same entries, in BFCL's layout, scored the same way. */
async function scoreOriginals(category: string, originals: readonly string[], cwd: string): Promise<ScoreSummary> {
  const dir = join(cwd, "recorded", recordedModel, "multi_turn");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `BFCL_v4_${category}_result.json`), `${originals.join("\n")}\n`);
  return score(join(cwd, "recorded", recordedModel), cwd);
}

/** A written step list without the closing reply texts (the recorded model's handler left those out). */
const callSteps = (turns: unknown) => (turns as unknown[][]).map((turn) => turn.filter((step) => typeof step !== "string"));

describeWithShared("toolgate eval run --suite bfcl:multi_turn_base (recorded answers, step by step)", () => {
  it("writes BFCL multi-turn result files that score exactly as the recorded originals, and resumes from the cache", async () => {
    const category = "multi_turn_base";
    const limit = 5;
    const { questions, entries, originals } = recordedAnswers(category, limit);
    const server = await startRecordedMultiTurnServer(entries, recordedModel);
    const cwd = dirs.make();
    try {
      const args = ["eval", "run", "--suite", `bfcl:${category}`, "--limit", String(limit), "--data", dataDir, "--model", server.modelSpec, "--out", "out", "--json"];
      const run = await runCli(args, cwd);
      expect(run.err).not.toContain("could not be run");
      expect(run.code).toBe(0);
      expect(server.unanswered).toEqual([]);

      // BFCL's layout and format: per turn, per step, the recorded calls exactly as the model sent them.
      const written = readLines(join(cwd, "out", "result", recordedModel, "multi_turn", `BFCL_v4_${category}_result.json`));
      expect(written.map((line) => line.value.id)).toEqual(questions.map((question) => question.value.id));
      const recorded = new Map(originals.map((text) => [(JSON.parse(text) as { id: string }).id, JSON.parse(text) as { result: unknown }]));
      for (const { value } of written) {
        expect(Object.keys(value)).toEqual(["id", "result", "input_token_count", "output_token_count", "latency"]);
        expect(callSteps(value.result), value.id).toEqual(recorded.get(value.id)?.result);
        // Each turn ends with the model's reply text, as BFCL's FC handlers record a step without calls.
        for (const turn of value.result as unknown[][]) expect(typeof turn.at(-1)).toBe("string");
        expect((value.latency as number[][]).map((turn) => turn.length)).toEqual((value.result as unknown[][]).map((turn) => turn.length));
      }
      const stepsRun = written.reduce((sum, { value }) => sum + (value.result as unknown[][]).flat().length, 0);
      expect(server.received).toHaveLength(stepsRun);

      // Same valid and invalid ids, same error types, same accuracy.
      const ours = await score(join(cwd, "out", "result", recordedModel), cwd);
      const theirs = await scoreOriginals(category, originals, cwd);
      expect(ours).toEqual(theirs);
      expect(ours.categories[category]?.total).toBe(limit);
      // The slice holds both outcomes, so agreement is not agreement on "all pass" or "all fail".
      expect(ours.categories[category]?.correct).toBeGreaterThan(0);
      expect(ours.categories[category]?.failed.length).toBeGreaterThan(0);

      // The run's own report carries that same summary, and every case's verdict agrees with it.
      const report = JSON.parse(run.out) as EvalReport;
      expect(report.bfcl).toEqual(ours);
      const failed = new Map(ours.categories[category]?.failed.map((entry) => [entry.id, entry.error_type]));
      for (const result of report.results) {
        expect(result.status, result.id).toBe(failed.has(result.id) ? "failed" : "passed");
        if (failed.has(result.id)) expect(result.reasons[0]).toContain(failed.get(result.id));
        expect(result.gate.calls).toBeGreaterThan(0);
      }
      expect(report.summary.categories[category]?.effects.correct).toBe(ours.categories[category]?.correct);

      // Again: every entry from the cache, not one request to the model, the same score.
      const requests = server.received.length;
      const again = await runCli(args.filter((arg) => arg !== "--json"), cwd);
      expect(again.code).toBe(0);
      expect(server.received).toHaveLength(requests);
      expect(again.out).toContain(`${limit} cases · ${limit} from cache`);
      expect(await score(join(cwd, "out", "result", recordedModel), cwd)).toEqual(theirs);
    } finally {
      await server.close();
    }
  });
}, "data", "bfcl-results");

describeWithShared("toolgate eval run --suite bfcl:multi_turn_miss_func", () => {
  it("withholds each missed function until the turn that adds it, then scores as the originals", async () => {
    const category = "multi_turn_miss_func";
    const limit = 3;
    const { questions, entries, originals } = recordedAnswers(category, limit);
    const server = await startRecordedMultiTurnServer(entries, recordedModel);
    const cwd = dirs.make();
    try {
      const run = await runCli(["eval", "run", "--suite", `bfcl:${category}`, "--limit", String(limit), "--data", dataDir, "--model", server.modelSpec, "--out", "out", "--json"], cwd);
      expect(run.code, run.err).toBe(0);
      for (const question of questions) {
        const firstMessage = (question.value.question as Array<Array<{ content: string }>>)[0]?.[0]?.content ?? "";
        const missed = question.value.missed_function as Record<string, string[]>;
        const requests = server.received.filter((request) => request.key === firstMessage);
        expect(requests.length).toBeGreaterThan(0);
        for (const [turnText, names] of Object.entries(missed)) {
          const addedAt = Number(turnText);
          for (const request of requests) {
            for (const name of names) expect(request.tools.includes(name), `${question.value.id} turn ${request.turn}: ${name}`).toBe(request.turn >= addedAt);
          }
          const holdout = requests.filter((request) => request.turn === addedAt);
          expect(holdout.length).toBeGreaterThan(0);
          for (const request of holdout) expect(request.userText).toBe(additionalFunctionPrompt);
        }
      }
      const ours = await score(join(cwd, "out", "result", recordedModel), cwd);
      expect(ours).toEqual(await scoreOriginals(category, originals, cwd));
      expect(ours.categories[category]?.total).toBe(limit);
    } finally {
      await server.close();
    }
  });
}, "data", "bfcl-results");

describeWithShared("toolgate eval run --suite bfcl:simple_python,multi_turn_base", () => {
  it("runs single-turn and multi-turn categories in one run: one progress count, one report, both scored", async () => {
    const limit = 2;
    const multi = recordedAnswers("multi_turn_base", limit);
    const simple = readLines(join(dataDir, "BFCL_v4_simple_python.json")).slice(0, limit);
    const simpleRecorded = new Map(readLines(sharedPath("data", "bfcl-results", recordedModel, "result", recordedModel, "non_live", "BFCL_v4_simple_python_result.json")).map((line) => [line.value.id, line]));
    // A single-turn question is a one-turn conversation whose first step is the recorded answer.
    const simpleEntries: RecordedEntry[] = simple.map((question) => ({
      userTurns: [(question.value.question as Array<Array<{ content: string }>>)[0]?.[0]?.content ?? ""],
      result: [[simpleRecorded.get(question.value.id)?.value.result]],
    }));
    const server = await startRecordedMultiTurnServer([...simpleEntries, ...multi.entries], recordedModel);
    const cwd = dirs.make();
    try {
      const run = await runCli(["eval", "run", "--suite", "bfcl:simple_python,multi_turn_base", "--limit", String(limit), "--data", dataDir, "--model", server.modelSpec, "--out", "out", "--json"], cwd);
      expect(run.code, run.err).toBe(0);
      expect(server.unanswered).toEqual([]);
      expect(run.err.trim().split("\n").at(-1)).toMatch(/^toolgate eval: 4\/4 · \d passed · \d failed/);
      const report = JSON.parse(run.out) as EvalReport & { bfcl: ScoreSummary };
      expect(report.results.map((result) => [result.id, result.kind])).toEqual([
        ["simple_python_0", "calls"],
        ["simple_python_1", "calls"],
        ["multi_turn_base_0", "effects"],
        ["multi_turn_base_1", "effects"],
      ]);
      expect(Object.keys(report.bfcl.categories)).toEqual(["simple_python", "multi_turn_base"]);
      expect(report.summary.overall.cases).toBe(2 * limit);
      expect(report.bfcl).toEqual(await score(join(cwd, "out", "result", recordedModel), cwd));
      expect(report.bfcl.categories.multi_turn_base).toEqual((await scoreOriginals("multi_turn_base", multi.originals, cwd)).categories.multi_turn_base);
    } finally {
      await server.close();
    }
  });
}, "data", "bfcl-results");

describeWithShared("toolgate eval run: agentic categories", () => {
  it("refuses web search and memory in one line that names eval score", async () => {
    const cwd = dirs.make();
    for (const category of ["web_search_base", "memory_kv"]) {
      const refused = await runCli(["eval", "run", "--suite", `bfcl:${category}`, "--data", dataDir, "--model", "openai-compatible:http://127.0.0.1:9/v1#m"], cwd);
      expect(refused.code).toBe(2);
      expect(refused.err.trim().split("\n")).toHaveLength(1);
      expect(refused.err).toContain(`--suite bfcl:${category}: ${category} needs`);
      expect(refused.err).toContain("`toolgate eval score`");
    }
  });
}, "data", "bfcl-results");
