// Public surface of the jailbreak-function suite: caller-defined tool attacks against the catalog check, toolChoice guard and moderation.
export { runJailbreakFunction, runJailbreakScenario, jailbreakVariants } from "./run-jailbreak-function.js";
export type { JailbreakDefences, JailbreakOutcome, JailbreakVariantResult, RefusingDefence } from "./run-jailbreak-function.js";
export { jailbreakScenarios, harmfulGoals, benignGoals, toolTemplates, deliveryModes } from "./jailbreak-function-scenarios.js";
export type { JailbreakScenario, HarmfulGoal, ToolTemplate, DeliveryMode } from "./jailbreak-function-scenarios.js";
export { formatJailbreakTable } from "./format-jailbreak-function.js";
