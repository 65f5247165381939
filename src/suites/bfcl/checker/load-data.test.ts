// Reading BFCL's data folder: JSON Lines files, the shared web-search and memory questions, and errors that name the fix.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { sharedPath, describeWithShared } from "../../../test-support/shared-data.js";
import { BfclDataError } from "./errors.js";
import { answerFileOf, countJsonLines, field, loadGroundTruth, loadQuestions, questionFileOf, readJsonLines } from "./load-data.js";

const scratch = mkdtempSync(join(tmpdir(), "toolgate-bfcl-load-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describeWithShared("load-data", () => {
  it("renames the shared web-search and memory questions to the category", () => {
    const dataDir = sharedPath("data", "bfcl");
    expect(questionFileOf(dataDir, "memory_vector")).toBe(join(dataDir, "BFCL_v4_memory.json"));
    expect(answerFileOf(dataDir, "web_search_base")).toBe(join(dataDir, "possible_answer", "BFCL_v4_web_search.json"));
    expect(loadQuestions(dataDir, "memory_vector")[0]?.id).toBe("memory_vector_0-customer-0");
    expect(loadQuestions(dataDir, "web_search_no_snippet")[99]?.id).toBe("web_search_no_snippet_99");
    const answers = loadGroundTruth(dataDir, "memory_kv");
    expect(answers[0]?.id).toBe("memory_0-customer-0");
    expect(field(answers[0] as never, "ground_truth")).toEqual(["Michael"]);
  });
  it("skips blank lines and names the line that is not a JSON object with an id", () => {
    const file = join(scratch, "lines.json");
    writeFileSync(file, '{"id": "a_1", "x": 1.0}\n\n{"id": "a_2"}\n');
    expect(readJsonLines(file).map((line) => line.id)).toEqual(["a_1", "a_2"]);
    writeFileSync(file, '{"id": "a_1"}\n{"id": ');
    expect(() => readJsonLines(file)).toThrow(/lines\.json line 2 is not JSON/);
    writeFileSync(file, '{"name": "a_1"}');
    expect(() => readJsonLines(file)).toThrow(/line 1 has no string "id"/);
  });
  it("tells where --data must point when a question file is missing", () => {
    expect(() => loadQuestions(scratch, "simple_python")).toThrow(BfclDataError);
    expect(() => loadQuestions(scratch, "simple_python")).toThrow(/BFCL_v4_simple_python\.json is missing: --data must point at BFCL's data directory/);
  });
}, "data", "bfcl");

it("countJsonLines counts the non-blank lines, Unicode blanks included, as trimming each line would", () => {
  const file = join(scratch, "count.json");
  const text = '{"id": "a"}\n\n  \t\r\n{"id": "é"}\r\n\u00a0\u3000\n\ufeff\n{"id": "c"}';
  writeFileSync(file, text);
  expect(countJsonLines(file)).toBe(3);
  expect(countJsonLines(file)).toBe(text.split("\n").filter((line) => line.trim() !== "").length);
  writeFileSync(file, "");
  expect(countJsonLines(file)).toBe(0);
});
