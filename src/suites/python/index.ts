// The front door of the one Python-semantics module for rooms outside suites/ (the dataset importers read Python
// literals with it); the suites themselves import its files directly.
export { parsePythonTokens } from "./parser.js";
export { tokenize } from "./tokenizer.js";
export type { Token } from "./tokenizer.js";
export type { PyNode } from "./python-ast.js";
export { PySyntaxError, PyUnsupportedSyntaxError } from "./python-ast.js";
