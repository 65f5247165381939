// BFCL result lines and files: the first response's raw calls, token counts and latency, in BFCL's folder layout.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { caseResult } from "../../../eval/scoring/test-support/case-results.js";
import { bfclResultLine, writeBfclResults } from "./write-bfcl-results.js";

const response = (calls: Array<{ name: string; arguments: string }>) => ({ text: "", calls, inputTokens: 630, outputTokens: 54, latencyMs: 1250 });

describe("bfclResultLine", () => {
  it("keeps the model's argument text exactly (3.0 stays 3.0) and reports seconds", () => {
    const line = bfclResultLine(caseResult({ id: "simple_python_1", responses: [response([{ name: "math.factorial", arguments: '{"number": 5.0}' }])] }));
    expect(JSON.stringify(line)).toBe('{"id":"simple_python_1","result":[{"math.factorial":"{\\"number\\": 5.0}"}],"input_token_count":630,"output_token_count":54,"latency":1.25,"function_names":"original"}');
  });

  it("writes [] for no call and the error for a failed inference", () => {
    expect(bfclResultLine(caseResult({ id: "irrelevance_0", responses: [{ ...response([]), text: "I can't." }] })).result).toEqual([]);
    expect(bfclResultLine(caseResult({ id: "x", status: "error", error: "connect ECONNREFUSED" }))).toEqual({
      id: "x",
      result: "Error during inference: connect ECONNREFUSED",
      input_token_count: 0,
      output_token_count: 0,
      latency: 0,
      function_names: "original",
    });
  });
});

describe("writeBfclResults", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("writes one file per category under <model>/<group>/, one line per entry in order", () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-bfcl-results-"));
    dirs.push(dir);
    const files = writeBfclResults({
      resultDir: dir,
      modelName: "m",
      results: [
        caseResult({ id: "simple_python_0", category: "simple_python", responses: [response([])] }),
        caseResult({ id: "live_simple_0-0-0", category: "live_simple", responses: [response([])] }),
        caseResult({ id: "simple_python_1", category: "simple_python", responses: [response([])] }),
      ],
    });
    expect(files).toEqual([join(dir, "m", "non_live", "BFCL_v4_simple_python_result.json"), join(dir, "m", "live", "BFCL_v4_live_simple_result.json")]);
    const lines = readFileSync(files[0] as string, "utf8").split("\n");
    expect(lines.map((line) => (line ? (JSON.parse(line) as { id: string }).id : line))).toEqual(["simple_python_0", "simple_python_1", ""]);
  });
});
