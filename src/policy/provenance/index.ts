// Positive provenance for steering arguments: normalisation per kind, field-level trust, allow-lists and the tracker.
export { createProvenanceTracker } from "./provenance-tracker.js";
export type { ProvenanceTracker, ProvenanceTrackerOptions } from "./provenance-tracker.js";
export type { AllowList } from "./allow-list.js";
export type { ReadersDeclaration, ReadableRecord, Delivery } from "./readers.js";
export type { SelectionDeclaration } from "./selection.js";
