// After a checked turn, every public attribute of each model-side instance must equal the ground-truth side's.
import type { SimulatedApi } from "../apis/simulated-api.js";
import { pyEquals, type PyValue } from "../../../../python/py-value.js";

export interface StateMismatch {
  className: string;
  /** Attribute name → the two differing values. */
  differences: Map<string, { model: PyValue; groundTruth: PyValue }>;
}

/**
 * The reference's state_checker: classes in ground-truth order, the first class with any
 * differing public attribute (Python `!=`) fails. Undefined when every class matches.
 */
export function findStateMismatch(
  modelApis: ReadonlyMap<string, SimulatedApi>,
  groundTruthApis: ReadonlyMap<string, SimulatedApi>,
): StateMismatch | undefined {
  for (const [className, groundTruth] of groundTruthApis) {
    const model = modelApis.get(className);
    if (!model) throw new Error(`model side has no ${className} instance`);
    const modelState = new Map(model.publicState());
    const differences = new Map<string, { model: PyValue; groundTruth: PyValue }>();
    for (const [attribute, expected] of groundTruth.publicState()) {
      const actual = modelState.get(attribute) as PyValue;
      if (!pyEquals(actual, expected)) differences.set(attribute, { model: actual, groundTruth: expected });
    }
    if (differences.size > 0) return { className, differences };
  }
  return undefined;
}
