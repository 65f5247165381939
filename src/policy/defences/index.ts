// Public surface of the jailbreak-function defences: catalog-only tools, the toolChoice guard, moderation, spotlighting.
export { assertCatalogTools, ToolAllowlistError } from "./catalog-tools.js";
export type { CatalogToolsOptions } from "./catalog-tools.js";
export { assertToolChoiceAllowed, ToolChoiceRefusedError } from "./tool-choice-guard.js";
export type { ToolChoicePolicy } from "./tool-choice-guard.js";
export { createModerationPolicy } from "./moderation.js";
export type { ModerationClassifier, ModerationResult, ModerationPolicyOptions } from "./moderation.js";
export { datamarkingSpotlight, delimitingSpotlight, defensiveSystemPrompt } from "./spotlighting.js";
export type { SpotlightingTemplate } from "./spotlighting.js";
