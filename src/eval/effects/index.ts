// Public surface of effect checks: stateful environments, ground-truth replay and field-level state diffs.
export { openStateEnvironment } from "./state-environment.js";
export type { StateEnvironment } from "./state-environment.js";
export { formatStateChange } from "./state-diff.js";
export { GroundTruthError, replayCalls } from "./replay-calls.js";
export { checkEffects } from "./check-effects.js";
export type { EffectCheck } from "./check-effects.js";
