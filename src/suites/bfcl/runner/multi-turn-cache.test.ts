// The multi-turn cache: finished entries come back by id, model and digest, across reopenings; a torn line is skipped.
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { caseResult } from "../../../eval/scoring/test-support/case-results.js";
import { openMultiTurnCache } from "./multi-turn-cache.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("openMultiTurnCache", () => {
  it("returns what was put under the same key after reopening, and nothing for another model or digest", () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-mt-cache-"));
    dirs.push(dir);
    const key = { caseId: "multi_turn_base_0", model: "openai:m", digest: "abc" };
    const entry = {
      line: { id: "multi_turn_base_0", result: [[[{ ls: "{}" }], "done"]], input_token_count: [[1, 2]], output_token_count: [[3, 4]], latency: [[0.1, 0.2]] },
      result: caseResult({ id: "multi_turn_base_0", category: "multi_turn_base" }),
    };
    openMultiTurnCache(dir).put(key, entry);
    appendFileSync(join(dir, "bfcl-multi-turn.jsonl"), '{"caseId": "multi_turn_base_1", "mod');
    const reopened = openMultiTurnCache(dir);
    expect(reopened.get(key)).toEqual(entry);
    expect(reopened.get({ ...key, model: "openai:other" })).toBeUndefined();
    expect(reopened.get({ ...key, digest: "changed" })).toBeUndefined();
    expect(reopened.get({ ...key, caseId: "multi_turn_base_1" })).toBeUndefined();
  });
});
