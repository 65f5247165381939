// Value-swap augmentation: rows whose argument values come from the user's text, multiplied with fresh values.
export { augmentRecords, AugmentOptionsError } from "./augment.js";
export type { AugmentOptions, AugmentReport } from "./augment.js";
export type { ValueShape } from "./value-shapes.js";
