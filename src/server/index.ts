// Public surface of the server room: the OpenAI-compatible gateway (guard mode) and its API keys.
export { createGatewayApp } from "./gateway-app.js";
export { inFlightWork } from "./in-flight.js";
export type { InFlightWork } from "./in-flight.js";
export type { GatewayEnv, GatewayOptions } from "./gateway-app.js";
export { openApiKeyStore } from "./api-keys.js";
export type { ApiKeyInfo, ApiKeyStore } from "./api-keys.js";
export { GatewayError } from "./openai-error.js";
export type { OpenAiErrorBody, OpenAiErrorType } from "./openai-error.js";
export type { WithheldCall } from "./guard-completion.js";
export type { UpstreamSettings } from "./upstream.js";
export { openApprovalWaiter, pollingApprovalWaiter, postgresApprovalWaiter, approvalDecidedChannel } from "./approval-waiter.js";
export type { ApprovalWaiter } from "./approval-waiter.js";
export type { ApprovalHold } from "./held-approvals.js";
export { LimitExceeded } from "./request-limits.js";
export type { GatewayLimit, GatewayLimits } from "./request-limits.js";
