// Public surface of the model room.
export type { ContextWindow, ModelAdapter, ModelRequest, ModelResponse, PromptRequest } from "./types.js";
export { aiSdkModel } from "./ai-sdk.js";
export type { AiSdkModelOptions } from "./ai-sdk.js";
export { acceptedModelSpecs, createModel, parseModelSpec } from "./spec.js";
export type { ModelSpec } from "./spec.js";
export { ModelError } from "./errors.js";
export { scriptedModel } from "./scripted.js";
export type { ScriptedModel, ScriptedTurn } from "./scripted.js";
