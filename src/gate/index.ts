// Public surface of the gate room.
export { createGate } from "./gate.js";
export type { CallContext, Gate, GateOptions } from "./gate.js";
export { decodeArguments } from "./decode-arguments.js";
export type { DecodeOptions, DecodeResult } from "./decode-arguments.js";
export { resolveTool, closestToolNames } from "./resolve-tool.js";
export { validateArguments } from "./validate-arguments.js";
export { checkPolicy, requestApproval } from "./authorise-call.js";
export { decideCall, verdictRecorder } from "./decide-call.js";
export type { Decided, DecideOptions, VerdictRecorder } from "./decide-call.js";
export { replayCalls, describeDecision } from "./replay-calls.js";
export type { ReplayDecision, ReplayedCall, ReplayOptions, ReplayReport } from "./replay-calls.js";
export { executeTool } from "./execute-tool.js";
export { guardOutput, truncationMarker } from "./guard-output.js";
export { memorySink, jsonlSink } from "./sinks.js";
export type { MemorySink } from "./sinks.js";
