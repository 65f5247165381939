// Public surface of evaluation cases: the case format, loading it with file:line errors, and what inline tools answer.
export { evalCaseSchema, defaultCaseClock, expectationKind, maxStepsFor } from "./case-schema.js";
export type { CaseExpectation, CaseTool, EvalCase, EvalCaseInput, ExpectedCall, FunctionTool, GroundTruthCall } from "./case-schema.js";
export { CaseFileError, loadCaseFile, parseCases } from "./load-cases.js";
export { toBfclParameters, toParametersJsonSchema } from "./function-schema.js";
export { cannedResult } from "./canned-result.js";
export { preprocessForLanguage } from "./language-preprocessing.js";
export type { FunctionDoc, FunctionLanguage } from "./language-preprocessing.js";
