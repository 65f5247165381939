// Public surface of the definition scanner.
export { scanToolDefinitions } from "./scan-tool-definitions.js";
export type { ScanFinding, ScanOptions } from "./scan-tool-definitions.js";
