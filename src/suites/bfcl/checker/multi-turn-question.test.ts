// The multi-turn question as the checker reads it, decoded from the config alone, exactly as the whole line decodes.
import { describe, expect, it } from "vitest";
import { pyRepr } from "../../python/py-repr.js";
import type { PyDict } from "../../python/py-value.js";
import { readJsonLines } from "./load-data.js";
import { multiTurnQuestion, topLevelValueText } from "./multi-turn-question.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function linesOf(texts: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-mt-question-"));
  try {
    const file = join(dir, "q.json");
    writeFileSync(file, texts.join("\n"));
    return readJsonLines(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("topLevelValueText", () => {
  it("finds the last top-level value of a key, skipping strings, nesting and the same key below the top", () => {
    const text = '{"id": "a", "question": [[{"content": "say \\"initial_config\\": 1, {]"}]], "x": {"initial_config": 2}, "initial_config" : {"A": {"n": 10.0, "l": [1, "}"]}} , "z": 1}';
    expect(topLevelValueText(text, "initial_config")).toBe('{"A": {"n": 10.0, "l": [1, "}"]}}');
    expect(topLevelValueText('{"initial_config": 1, "initial_config": [2.0]}', "initial_config")).toBe("[2.0]");
    expect(topLevelValueText('{"id": "x\\\\", "initial_config": null}', "initial_config")).toBe("null");
    expect(topLevelValueText('{"id": "x"}', "initial_config")).toBeUndefined();
  });
  it("declines an object with an escaped key, which might spell the one sought", () => {
    expect(topLevelValueText('{"initial_config": {}, "initial\\u005fconfig": {"a": 1}}', "initial_config")).toBeUndefined();
  });
});

describe("multiTurnQuestion", () => {
  it("gives the id, classes and config the whole line decodes to, floats kept", () => {
    const [line, escaped, broken] = linesOf([
      '{"id": "multi_turn_base_1", "question": [[{"role": "user", "content": "hi"}]], "initial_config": {"VehicleControlAPI": {"fuelLevel": 10.0, "n": 3}}, "involved_classes": ["VehicleControlAPI"]}',
      '{"id": "multi_turn_base_2", "initial\\u005fconfig": {"A": 1.0}, "involved_classes": ["A"]}',
      '{"id": "multi_turn_base_3", "initial_config": {"A": NaN}, "involved_classes": ["A"]}',
    ]);
    const question = multiTurnQuestion(line!) as PyDict;
    expect([...question.keys()]).toEqual(["id", "involved_classes", "initial_config"]);
    for (const key of ["id", "involved_classes", "initial_config"]) expect(pyRepr(question.get(key)!)).toBe(pyRepr(line!.value.get(key)!));
    expect(pyRepr(question.get("initial_config")!)).toBe("{'VehicleControlAPI': {'fuelLevel': 10.0, 'n': 3}}");
    // What the shortcut cannot read exactly is decoded whole.
    expect(multiTurnQuestion(escaped!)).toBe(escaped!.value);
    expect(multiTurnQuestion(broken!)).toBe(broken!.value);
  });
});
