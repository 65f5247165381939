// How a BFCL run is split over two threads: multi-turn categories cut once, in order, so the longer side is shortest.
import { describe, expect, it } from "vitest";
import { multiTurnEntryCost, planLanes, secondCoreIsIdle } from "./lane-plan.js";

const shared = ["simple_python", "live_multiple", "memory_kv", "multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"];

describe("planLanes", () => {
  it("gives this thread the single-turn categories and the first multi-turn ones, the worker the rest in order", () => {
    // The shared results: 3,625 single-turn entries (lumped into three categories here), 200 per multi-turn category.
    const entries: Record<string, number> = { simple_python: 400, live_multiple: 1053, memory_kv: 2172, multi_turn_base: 200, multi_turn_miss_func: 200, multi_turn_miss_param: 200, multi_turn_long_context: 200 };
    const plan = planLanes(shared, (category) => entries[category] as number);
    expect(plan).toEqual({
      here: ["simple_python", "live_multiple", "memory_kv", "multi_turn_base"],
      worker: ["multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"],
    });
  });
  it("leaves the multi-turn categories to the worker when this thread's warm-up would cost more than the move saves", () => {
    // The shared results as they are: 4,290 single-turn entries. Taking multi_turn_base here would add its 200 entries
    // and a cold multi-turn simulation to this side (8,290) for 6,000 left to the worker: longer than the 8,000 unsplit.
    const entries: Record<string, number> = { simple_python: 400, live_multiple: 1053, memory_kv: 2837, multi_turn_base: 200, multi_turn_miss_func: 200, multi_turn_miss_param: 200, multi_turn_long_context: 200 };
    expect(planLanes(shared, (category) => entries[category] as number).worker).toEqual(shared.slice(3));
    // A run of multi-turn categories alone is still split: the warm-up is small beside three categories' entries.
    const multiTurnOnly = shared.slice(3);
    expect(planLanes(multiTurnOnly, () => 200)).toEqual({ here: ["multi_turn_base"], worker: multiTurnOnly.slice(1) });
  });
  it("leaves every multi-turn category to the worker when the single-turn side is already the longer", () => {
    const plan = planLanes(shared, (category) => (category.startsWith("multi_turn") ? 10 : 10 * multiTurnEntryCost * 10));
    expect(plan.worker).toEqual(shared.slice(3));
  });
  it("keeps at least the last multi-turn category for the worker, and has no worker without multi-turn categories", () => {
    expect(planLanes(["multi_turn_base"], () => 1)).toEqual({ here: [], worker: ["multi_turn_base"] });
    expect(planLanes(["multi_turn_base", "multi_turn_miss_func"], () => 400)).toEqual({ here: ["multi_turn_base"], worker: ["multi_turn_miss_func"] });
    // A few entries are not worth warming a second simulation for.
    expect(planLanes(["multi_turn_base", "multi_turn_miss_func"], () => 1)).toEqual({ here: [], worker: ["multi_turn_base", "multi_turn_miss_func"] });
    expect(planLanes(["simple_python", "irrelevance"], () => 1)).toEqual({ here: ["simple_python", "irrelevance"], worker: [] });
  });
  it("leaves the multi-turn categories whole to the worker when asked not to split", () => {
    expect(planLanes(shared, () => 1, { splitMultiTurn: false })).toEqual({ here: shared.slice(0, 3), worker: shared.slice(3) });
  });
  it("splits only when a second core is there and the load average leaves it idle", () => {
    expect(secondCoreIsIdle(0.3, 2)).toBe(true);
    expect(secondCoreIsIdle(1.7, 2)).toBe(true);
    expect(secondCoreIsIdle(14, 2)).toBe(false);
    expect(secondCoreIsIdle(0, 1)).toBe(false);
  });
});
