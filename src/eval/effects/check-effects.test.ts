// Effect checks on the example catalog: ground truth replayed on a fresh SQLite file and compared field by field.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultCaseClock } from "../cases/index.js";
import { checkEffects } from "./check-effects.js";
import { GroundTruthError, replayCalls } from "./replay-calls.js";
import { openStateEnvironment } from "./state-environment.js";
import type { StateEnvironment } from "./state-environment.js";

let dir: string;
let opened: StateEnvironment[];
const clock = new Date(defaultCaseClock);
const open = (name: string) => () => {
  const environment = openStateEnvironment({ catalog: "customer-service", databasePath: join(dir, `${name}.sqlite`), clock });
  opened.push(environment);
  return environment;
};
const now = () => new Date(clock);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-effects-"));
  opened = [];
});
afterEach(() => {
  for (const environment of opened) environment.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The first free check-up slot a fresh catalog offers at the fixed clock, and the one after it. */
async function freeSlots(environment: StateEnvironment): Promise<string[]> {
  const [record] = await replayCalls(environment, [{ name: "find_available_slots", arguments: { service_id: "SV-CHECKUP" } }], { now });
  const result = record?.outcome.ok ? (record.outcome.result as { slots: Array<{ slot_id: string }> }) : { slots: [] };
  return result.slots.map((slot) => slot.slot_id);
}

describe("checkEffects", () => {
  it("two fresh environments with the same clock start identical", () => {
    expect(open("a")().snapshot()).toEqual(open("b")().snapshot());
  });

  it("passes when the model's state equals the ground truth's, and names the field when it does not", async () => {
    const model = open("model")();
    const [first, second] = await freeSlots(model);
    const groundTruth = [{ name: "book_appointment", arguments: { customer_id: "C-1002", slot_id: first as string } }];

    await replayCalls(model, groundTruth, { now });
    const right = await checkEffects({ groundTruth, modelState: model.snapshot(), openEnvironment: open("truth-1"), now });
    expect(right).toEqual({ correct: true, changes: [] });

    const wrongModel = open("wrong")();
    await replayCalls(wrongModel, [{ name: "book_appointment", arguments: { customer_id: "C-1002", slot_id: second as string } }], { now });
    const wrong = await checkEffects({ groundTruth, modelState: wrongModel.snapshot(), openEnvironment: open("truth-2"), now });
    expect(wrong.correct).toBe(false);
    expect(wrong.changes).toHaveLength(1);
    expect(wrong.changes[0]).toMatchObject({ kind: "changed", expected: first, actual: second });
    expect(wrong.changes[0]?.path).toMatch(/^appointments\[id=A-\d+\]\.slot_id$/);
  });

  it("refuses ground truth the environment rejects: the case is wrong, not the model", async () => {
    const model = open("model")();
    await expect(
      checkEffects({ groundTruth: [{ name: "book_appointment", arguments: { customer_id: "C-1002", slot_id: "S-999999" } }], modelState: model.snapshot(), openEnvironment: open("truth"), now }),
    ).rejects.toThrow(GroundTruthError);
    await expect(replayCalls(open("t2")(), [{ name: "no_such_tool", arguments: {} }], { now })).rejects.toThrow(/ground-truth call #1 no_such_tool did not succeed .*fix expect\.effects/);
  });
});
