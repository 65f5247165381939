// One category file: pairing with questions, the multi-turn hand-off, categories it cannot score, and entries BFCL would crash on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { PyDict } from "../../python/py-value.js";
import { sharedPath, describeWithShared } from "../../../test-support/shared-data.js";
import type { MultiTurnEntryInput } from "./multi-turn-bridge.js";
import { scoreCategory } from "./score-category.js";

const scratch = mkdtempSync(join(tmpdir(), "toolgate-bfcl-category-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const base = { mode: "auto" as const, underscoreToDot: false, partial: false };

function dataDirWith(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(scratch, "data-"));
  mkdirSync(join(dir, "possible_answer"));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), lines.join("\n"));
  return dir;
}

function resultFile(lines: string[]): string {
  const file = join(mkdtempSync(join(scratch, "result-")), "BFCL_v4_x_result.json");
  writeFileSync(file, lines.join("\n"));
  return file;
}

describeWithShared("scoreCategory", () => {
  it("sorts results by id before pairing them with the questions, and rejects foreign ids", async () => {
    const question = (i: number) => `{"id": "simple_python_${i}", "function": [{"name": "f", "parameters": {"properties": {"a": {"type": "integer"}}, "required": ["a"]}}]}`;
    const answer = (i: number) => `{"id": "simple_python_${i}", "ground_truth": [{"f": {"a": [${i}]}}]}`;
    const dataDir = dataDirWith({
      "BFCL_v4_simple_python.json": [question(2), question(10)],
      "possible_answer/BFCL_v4_simple_python.json": [answer(2), answer(10)],
    });
    const call = (i: number, a: number) => `{"id": "simple_python_${i}", "result": [{"f": "{\\"a\\": ${a}}"}]}`;
    const outcome = await scoreCategory({ ...base, category: "simple_python", dataDir, resultFile: resultFile([call(10, 10), call(2, 3)]) });
    expect(outcome).toEqual({ scored: true, score: { accuracy: 0.5, correct: 1, total: 2, failed: [expect.objectContaining({ id: "simple_python_2", error_type: "value_error:others" })] } });
    await expect(scoreCategory({ ...base, category: "simple_python", dataDir, resultFile: resultFile([call(10, 10), call(3, 3)]) })).rejects.toThrow(
      /entry simple_python_3 has no question of that id/,
    );
  });

  it("records an entry BFCL's checker would crash on as failed with bfcl_checker:exception", async () => {
    const dataDir = dataDirWith({
      "BFCL_v4_simple_python.json": ['{"id": "simple_python_0", "function": [{"name": "f", "parameters": {"properties": {"a": {"type": "integer"}}}}]}'],
      "possible_answer/BFCL_v4_simple_python.json": ['{"id": "simple_python_0", "ground_truth": [{"f": {"a": [1]}}]}'],
    });
    const outcome = await scoreCategory({ ...base, category: "simple_python", dataDir, resultFile: resultFile(['{"id": "simple_python_0", "result": [{"f": "{\\"a\\": 1}"}]}']) });
    expect(outcome).toMatchObject({ scored: true, score: { failed: [{ id: "simple_python_0", error_type: "bfcl_checker:exception", message: "KeyError: 'required'" }] } });
  });

  it("hands multi-turn entries to the multi-turn checker as plain JSON and keeps its verdicts", async () => {
    const dataDir = sharedPath("data", "bfcl");
    const seen: MultiTurnEntryInput[] = [];
    const results = resultFile(['{"id": "multi_turn_base_1", "result": [[[{"pwd": "{}"}]]]}', '{"id": "multi_turn_base_0", "result": []}']);
    const outcome = await scoreCategory({
      ...base,
      partial: true,
      category: "multi_turn_base",
      dataDir,
      resultFile: results,
      multiTurnChecker: (input) => {
        seen.push(input);
        return input.id.endsWith("_0") ? { valid: false, errorType: "multi_turn:force_terminated", message: "too short" } : { valid: true };
      },
    });
    expect(outcome).toEqual({ scored: true, score: { accuracy: 0.5, correct: 1, total: 2, failed: [{ id: "multi_turn_base_0", error_type: "multi_turn:force_terminated", message: "too short" }] } });
    expect(seen.map((input) => input.id)).toEqual(["multi_turn_base_0", "multi_turn_base_1"]);
    const second = seen[1] as MultiTurnEntryInput;
    expect(second.category).toBe("multi_turn_base");
    // The question goes as Python-rules values (decoded once), so floats such as `10.0` in an initial config keep their type.
    expect(second.question).toBeInstanceOf(PyDict);
    expect((second.question as PyDict).get("id")).toBe("multi_turn_base_1");
    expect(Array.isArray((second.question as PyDict).get("involved_classes"))).toBe(true);
    expect(Array.isArray(second.possibleAnswer)).toBe(true);
    expect(second.modelResult).toEqual([[[{ pwd: "{}" }]]]);
  });

  it("says why a category is not scored instead of scoring it wrongly", async () => {
    const dataDir = sharedPath("data", "bfcl");
    const multiTurn = await scoreCategory({ ...base, category: "multi_turn_base", dataDir, resultFile: resultFile([]) });
    expect(multiTurn).toEqual({ scored: false, reason: "the multi-turn checker is not available in this build" });
    const format = await scoreCategory({ ...base, category: "format_sensitivity", dataDir, resultFile: resultFile([]) });
    expect(format).toMatchObject({ scored: false, reason: expect.stringMatching(/format-sensitivity scoring .* is not implemented/) });
    const promptJava = await scoreCategory({ ...base, partial: true, category: "simple_java", dataDir, resultFile: resultFile(['{"id": "simple_java_0", "result": "[f(a=1)]"}']) });
    expect(promptJava).toMatchObject({ scored: false, reason: expect.stringMatching(/prompt-mode java results need BFCL's java call parser/) });
  });

  it("reads a text reply inside an FC file as FC output (no call), not as a prompt-mode file", async () => {
    const dataDir = sharedPath("data", "bfcl");
    const fcCall = '{"id": "simple_java_0", "result": [{"Foo.bar": "{}"}]}';
    const outcome = await scoreCategory({ ...base, partial: true, category: "simple_java", dataDir, resultFile: resultFile([fcCall, '{"id": "simple_java_1", "result": "I cannot do that."}']) });
    expect(outcome).toMatchObject({ scored: true, score: { total: 2, failed: expect.arrayContaining([{ id: "simple_java_1", error_type: "ast_decoder:decoder_failed", message: expect.any(String) }]) } });
  });
}, "data", "bfcl");
