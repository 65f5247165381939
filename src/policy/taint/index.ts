// Public surface of taint tracking: which argument values came from untrusted tool results.
export { createTaintTracker } from "./taint-tracker.js";
export type { TaintTracker, TaintTrackerOptions } from "./taint-tracker.js";
