// toolgate/record: the one record — Trace, steps, calls, verdicts, messages, tool specs, taint and provenance — as plain serialisable types, and its canonical JSON.
export * from "./record/index.js";
