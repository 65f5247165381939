// Public surface of definition pinning: pin files, verification and the pinning policy.
export { pinCatalog, parsePinFile, PinFileError } from "./pin-file.js";
export type { PinFile } from "./pin-file.js";
export { verifyPins } from "./verify-pins.js";
export type { PinCheck } from "./verify-pins.js";
export { createPinningPolicy } from "./pinning-policy.js";
export type { PinningPolicyOptions } from "./pinning-policy.js";
