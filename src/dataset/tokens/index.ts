// Public surface of the tokens step (re-exported by the dataset room's index.ts).
export { ChatTemplateError, builtInTemplateNames, compileChatTemplate, loadChatTemplate } from "./chat-template.js";
export type { ChatTemplate, RenderOptions, SpecialTokens, TemplateMessage } from "./chat-template.js";
export { TokenizerLoadError, loadTokenizer, openTokenizer, vendoredTokenizerDirectory, vendoredTokenizerNames } from "./tokenizer.js";
export type { TextTokenizer } from "./tokenizer.js";
export { TokenCountError, createTokenCounter, templateMessages } from "./count-tokens.js";
export type { RowTokenCount, TokenCounter, TokenCounterOptions } from "./count-tokens.js";
export { fitRowToContext, fitStrategies, isDropped, keepUsedTools, parseFitStrategies } from "./fit-context.js";
export type { DroppedRow, FitAction, FitResult, FitStrategy } from "./fit-context.js";
export { runTokenStep, tokenHistogram } from "./token-step.js";
export type { TokenHistogramBin, TokenReport, TokenStepOptions, TokenStepRow } from "./token-step.js";
export { formatTokenReport } from "./format-token-report.js";
export { RecordFileError, readRecords } from "./read-records.js";
