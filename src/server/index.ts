// Public surface of the server room: the OpenAI-compatible gateway (guard mode) and its API keys.
export { createGatewayApp } from "./gateway-app.js";
export { inFlightWork } from "./in-flight.js";
export { openApiKeyStore } from "./api-keys.js";
export type { ApiKeyStore } from "./api-keys.js";
export { openApprovalWaiter, pollingApprovalWaiter } from "./approval-waiter.js";
export type { ApprovalWaiter } from "./approval-waiter.js";
