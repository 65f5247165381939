// Public surface of the capture room: opt-in content capture (messages and tools per run, masked at capture, linked
// to the audit trail by trace id) in its own store with its own retention; the dataset room builds training rows from it.
export type { CapturedTrace, CaptureSource } from "./captured-trace.js";
export { openCaptureStore, CaptureStoreError } from "./capture-store.js";
export type { CaptureQuery, CaptureStore } from "./capture-store.js";
export { captureSink } from "./capture-sink.js";
export { combineRunSinks } from "./combine-sinks.js";
