// BFCL multi-turn ground truth → conversations with real results from the simulated APIs, on the shared BFCL data.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import { checkRecord } from "../verify/check-record.js";
import { SchemaCache } from "../verify/schema-cache.js";
import type { DatasetRecord, RowProblem } from "../record.js";
import { importBfclMultiTurnFile } from "./import-bfcl-multi-turn.js";
import { importFile } from "./import-file.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A BFCL data folder holding only the chosen lines of one multi-turn category (and the shared function docs). */
function slice(category: string, lines: number[]): string {
  const dir = mkdtempSync(join(tmpdir(), "c-bfcl-mt-"));
  dirs.push(dir);
  mkdirSync(join(dir, "possible_answer"));
  symlinkSync(sharedPath("data", "bfcl", "multi_turn_func_doc"), join(dir, "multi_turn_func_doc"));
  const name = `BFCL_v4_${category}.json`;
  for (const sub of ["", "possible_answer"]) {
    const all = readFileSync(sharedPath("data", "bfcl", sub, name), "utf8").split("\n");
    writeFileSync(join(dir, sub, name), `${lines.map((line) => all[line]).join("\n")}\n`);
  }
  return join(dir, name);
}

async function collect(outcomes: AsyncGenerator<{ record?: DatasetRecord; problem?: RowProblem }>): Promise<{ rows: DatasetRecord[]; problems: RowProblem[] }> {
  const rows: DatasetRecord[] = [];
  const problems: RowProblem[] = [];
  for await (const outcome of outcomes) {
    if (outcome.record) rows.push(outcome.record);
    else if (outcome.problem) problems.push(outcome.problem);
  }
  return { rows, problems };
}

describeWithShared(
  "BFCL multi-turn rows",
  () => {
    it("runs the ground truth against the simulated APIs: every turn's calls with their real results, rows that verify", { timeout: 120_000 }, async () => {
      const { rows, problems } = await collect(importFile(slice("multi_turn_base", [0, 1]), {}));
      expect(problems).toEqual([]);
      expect(rows.map((row) => row.meta.id)).toEqual(["multi_turn_base_0", "multi_turn_base_1"]);
      const [first] = rows;
      expect(first!.meta).toMatchObject({ category: "multi-turn", conversationId: "multi_turn_base_0", licence: "Apache-2.0", extra: { bfclCategory: "multi_turn_base", turns: 4 } });
      // Turn 1 of multi_turn_base_0: cd, mkdir, mv in one step; the results are the file system's own answers.
      expect(first!.messages[1]).toMatchObject({ role: "assistant", tool_calls: [{ function: { name: "cd", arguments: { folder: "document" } } }, { function: { name: "mkdir", arguments: { dir_name: "temp" } } }, { function: { name: "mv" } }] });
      const moved = first!.messages[4]!;
      expect(moved.role === "tool" && moved.content).toContain("moved to 'temp/final_report.pdf'");
      // `sort('final_report.pdf')` in the ground truth: the positional argument got its name from the function doc.
      const sort = first!.messages.flatMap((message) => (message.role === "assistant" ? (message.tool_calls ?? []) : [])).find((call) => call.function.name === "sort");
      expect(sort?.function.arguments).toEqual({ file_name: "final_report.pdf" });
      expect(first!.messages.filter((message) => message.role === "user")).toHaveLength(4);
      expect(first!.messages.at(-1)!.role).toBe("assistant");
      for (const row of rows) expect(checkRecord(row, new SchemaCache()).filter((defect) => defect.severity === "error")).toEqual([]);
    });

    it("a ground-truth call the gate refuses (BFCL's own multi_turn_base_173 passes a string for an integer) rejects the entry with why; miss_func is rejected as a tool list that changes", { timeout: 120_000 }, async () => {
      const refused = await collect(importFile(slice("multi_turn_base", [173]), {}));
      expect(refused.rows).toEqual([]);
      expect(refused.problems).toEqual([expect.objectContaining({ rowId: "multi_turn_base_173", kind: "ground-truth-call-refused", message: expect.stringMatching(/close_ticket.*invalid_arguments.*\/ticket_id: must be integer/) })]);
      // long_context_38 moves more files in one turn than the gate runs in one step (32): proposed in two steps, all run.
      const long = await collect(importFile(slice("multi_turn_long_context", [38]), {}));
      expect(long.problems).toEqual([]);
      const firstTurn = long.rows[0]!.messages.slice(1, long.rows[0]!.messages.findIndex((message, index) => index > 0 && message.role === "user"));
      const steps = firstTurn.filter((message) => message.role === "assistant").map((message) => (message.role === "assistant" ? (message.tool_calls?.length ?? 0) : 0));
      expect(steps.length).toBeGreaterThan(1);
      expect(Math.max(...steps)).toBeLessThanOrEqual(32);
      const missFunc = await collect(importBfclMultiTurnFile(sharedPath("data", "bfcl", "BFCL_v4_multi_turn_miss_func.json"), { limit: 1 }));
      expect(missFunc.problems.map((problem) => problem.kind)).toEqual(["tools-change-mid-conversation"]);
    });
  },
  "data",
  "bfcl",
  "multi_turn_func_doc",
);
