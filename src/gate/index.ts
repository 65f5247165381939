// Public surface of the gate room.
export { createGate } from "./gate.js";
export type { CallContext, Gate, GateOptions } from "./gate.js";
export { decideCall } from "./decide-call.js";
export { replayCalls } from "./replay-calls.js";
export type { ReplayDecision, ReplayedCall, ReplayOptions, ReplayReport } from "./replay-calls.js";
export { memorySink, jsonlSink } from "./sinks.js";
export type { MemorySink } from "./sinks.js";
