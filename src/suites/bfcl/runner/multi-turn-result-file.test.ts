// Multi-turn result files: BFCL's multi_turn/ folder, one line per entry in order, steps and inference errors as BFCL writes them.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inferenceErrorLine, writeMultiTurnResults } from "./multi-turn-result-file.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("writeMultiTurnResults", () => {
  it("writes each category under <model>/multi_turn/, the argument text kept byte for byte", () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-mt-results-"));
    dirs.push(dir);
    const step = [{ add: '{"a": 3.0, "b": 4}' }];
    const files = writeMultiTurnResults({
      resultDir: dir,
      modelName: "m",
      lines: new Map([
        ["multi_turn_base", [{ id: "multi_turn_base_0", result: [[step, "7.0"]], input_token_count: [[12, 20]], output_token_count: [[5, 2]], latency: [[0.5, 0.25]] }, inferenceErrorLine("multi_turn_base_1", "timeout")]],
        ["multi_turn_miss_func", [{ id: "multi_turn_miss_func_0", result: [[]], input_token_count: [[]], output_token_count: [[]], latency: [[]] }]],
      ]),
    });
    expect(files).toEqual([join(dir, "m", "multi_turn", "BFCL_v4_multi_turn_base_result.json"), join(dir, "m", "multi_turn", "BFCL_v4_multi_turn_miss_func_result.json")]);
    const lines = readFileSync(files[0] as string, "utf8").split("\n");
    expect(lines[0]).toBe('{"id":"multi_turn_base_0","result":[[[{"add":"{\\"a\\": 3.0, \\"b\\": 4}"}],"7.0"]],"input_token_count":[[12,20]],"output_token_count":[[5,2]],"latency":[[0.5,0.25]]}');
    expect(JSON.parse(lines[1] as string)).toEqual({ id: "multi_turn_base_1", result: "Error during inference: timeout", input_token_count: 0, output_token_count: 0, latency: 0 });
    expect(lines[2]).toBe("");
  });
});
