// Public surface of the tokens step (re-exported by the dataset room's index.ts).
export { loadChatTemplate } from "./chat-template.js";
export { loadTokenizer, openTokenizer, vendoredTokenizerDirectory } from "./tokenizer.js";
export { createTokenCounter, templateMessages } from "./count-tokens.js";
export type { TokenCounter } from "./count-tokens.js";
export { parseFitStrategies } from "./fit-context.js";
export type { FitStrategy } from "./fit-context.js";
export { runTokenStep } from "./token-step.js";
export type { TokenReport } from "./token-step.js";
export { formatTokenReport } from "./format-token-report.js";
export { readRecords } from "./read-records.js";
