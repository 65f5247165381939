// The transforms suite: reshaped attacker values for each steering kind, against the example catalog, under both policy profiles.
export { runTransforms } from "./run-transforms.js";
export { formatTransforms } from "./format-transforms.js";
