// The transforms suite: reshaped attacker values for each steering kind, against the example catalog, under both policy profiles.
export { transformCases } from "./transform-cases.js";
export type { TransformCase, TransformClass } from "./transform-cases.js";
export { runTransforms } from "./run-transforms.js";
export type { CallFate, RunTransformsOptions, TransformCaseResult, TransformsSummary } from "./run-transforms.js";
export { formatTransforms } from "./format-transforms.js";
export { createTransformTools } from "./transform-tools.js";
