// Public surface of evaluation cases: the case format, loading it with file:line errors, and what inline tools answer.
export { evalCaseSchema, catalogNames, defaultCaseClock, expectationKind, maxStepsFor } from "./case-schema.js";
export type { CaseExpectation, CaseTool, ExpectationKind, CatalogName, EvalCase, EvalCaseInput, ExpectedCall, FunctionTool, GroundTruthCall } from "./case-schema.js";
export { CaseFileError, caseFormatOf, loadCaseFile, parseCases } from "./load-cases.js";
export type { CaseFormat, CaseProblem } from "./load-cases.js";
export { toBfclParameters, toParametersJsonSchema } from "./function-schema.js";
export { cannedResult, defaultCannedResult, minimalValue } from "./canned-result.js";
export { functionLanguages, languageOfCategory, preprocessForLanguage } from "./language-preprocessing.js";
export type { FunctionDoc, FunctionLanguage } from "./language-preprocessing.js";
