// The effect check: ground truth replayed on a fresh environment, its state compared field by field with the model's.
import type { JsonValue } from "../../record/index.js";
import type { GroundTruthCall } from "../cases/index.js";
import { replayCalls } from "./replay-calls.js";
import type { StateChange } from "./state-diff.js";
import { diffStates } from "./state-diff.js";
import type { StateEnvironment } from "./state-environment.js";

export interface EffectCheck {
  correct: boolean;
  /** Where the model's state differs from the ground truth's; empty when correct. */
  changes: StateChange[];
}

export async function checkEffects(options: {
  groundTruth: readonly GroundTruthCall[];
  /** The model's environment state after its run. */
  modelState: JsonValue;
  /** Opens a fresh environment for the ground truth (same seed and clock as the model's). */
  openEnvironment: () => StateEnvironment;
  now: () => Date;
}): Promise<EffectCheck> {
  const environment = options.openEnvironment();
  try {
    await replayCalls(environment, options.groundTruth, { now: options.now });
    const changes = diffStates(environment.snapshot(), options.modelState);
    return { correct: changes.length === 0, changes };
  } finally {
    environment.close();
  }
}
