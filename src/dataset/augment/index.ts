// Value-swap augmentation: rows whose argument values come from the user's text, multiplied with fresh values.
export { augmentRecords } from "./augment.js";
