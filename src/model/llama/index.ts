// Public surface of the embedded llama.cpp model: the adapter factory, the default model descriptor and the grammar converter.
export { createCallGrammar, createLlamaModel, defaultThreadCount } from "./llama-model.js";
export type { LlamaModelAdapter, LlamaModelOptions } from "./llama-model.js";
export { defaultModel } from "./default-model.js";
export type { ModelDescriptor } from "./default-model.js";
export { defaultMaxIntegerEnum, defaultMaxItems, defaultMaxStringLength, toCallGrammarSchema, toGrammarSchema } from "./grammar-schema.js";
export type { GrammarSchemaOptions } from "./grammar-schema.js";
export { toChatHistory } from "./chat-history.js";
