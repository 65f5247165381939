// Public surface of the embedded llama.cpp model: the adapter factory, the default model descriptor and the grammar converter.
export { createLlamaModel } from "./llama-model.js";
