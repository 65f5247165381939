// Public surface of the eval room: BFCL-compatible scoring today; suites, runners and comparisons add their lines here.
export * from "./bfcl/index.js";
