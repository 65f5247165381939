// Rate limits and token budgets per API key or principal, counted in the shared limits store (PostgreSQL across replicas).
import type { CounterStore } from "../policy/index.js";
import type { ApiKeyInfo } from "./api-keys.js";
import { GatewayError } from "./openai-error.js";

interface GatewayLimit {
  /** Names the limit in the 429 and in its counters. */
  id: string;
  /** Requests (rate limit) or total tokens the upstream reports (budget) per window. */
  measure: "requests" | "tokens";
  max: number;
  windowMs: number;
  /** One counter per API key, or one per principal shared by all of its keys. */
  per: "key" | "principal";
}

export interface GatewayLimits {
  store: CounterStore;
  limits: readonly GatewayLimit[];
  now?: () => number;
}

/** A refused request: the OpenAI-style 429 and the seconds until the window that refused it resets. */
export class LimitExceeded extends GatewayError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code: "rate_limit_exceeded" | "budget_exceeded",
  ) {
    super(429, "rate_limit_error", code, message);
  }
}

const counterKey = (limit: GatewayLimit, key: ApiKeyInfo) => `gateway:${limit.id}|${limit.per}:${limit.per === "key" ? key.id : key.principal.id}`;

/**
 * Before the upstream is asked: takes one request from each rate limit, and refuses when a token budget is already
 * spent. Throws LimitExceeded naming the first limit reached.
 */
export async function admitRequest(settings: GatewayLimits, key: ApiKeyInfo): Promise<void> {
  const nowMs = (settings.now ?? Date.now)();
  for (const limit of settings.limits) {
    const windowStartMs = Math.floor(nowMs / limit.windowMs) * limit.windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStartMs + limit.windowMs - nowMs) / 1000));
    const subject = `${limit.per} ${limit.per === "key" ? key.id : key.principal.id}`;
    if (limit.measure === "requests") {
      const taken = await settings.store.take({ key: counterKey(limit, key), amount: 1, max: limit.max, windowStartMs });
      if (!taken.allowed) throw new LimitExceeded(`rate limit ${limit.id} reached: ${taken.used} of ${limit.max} requests per ${limit.windowMs / 1000} s used by ${subject}; retry after ${retryAfterSeconds} s`, retryAfterSeconds, "rate_limit_exceeded");
    } else {
      // Taking nothing reads the window's usage without changing it.
      const spent = await settings.store.take({ key: counterKey(limit, key), amount: 0, max: Number.MAX_SAFE_INTEGER, windowStartMs });
      if (spent.used >= limit.max) throw new LimitExceeded(`token budget ${limit.id} spent: ${spent.used} of ${limit.max} tokens per ${limit.windowMs / 1000} s used by ${subject}; retry after ${retryAfterSeconds} s`, retryAfterSeconds, "budget_exceeded");
    }
  }
}

/** After the upstream answered: charges the tokens it reports to each budget (the request that crosses a budget still completes). */
export async function chargeTokens(settings: GatewayLimits, key: ApiKeyInfo, usage: unknown): Promise<void> {
  const tokens = Number((usage as { total_tokens?: unknown } | undefined)?.total_tokens);
  if (!Number.isFinite(tokens) || tokens <= 0) return;
  const nowMs = (settings.now ?? Date.now)();
  for (const limit of settings.limits) {
    if (limit.measure !== "tokens") continue;
    const windowStartMs = Math.floor(nowMs / limit.windowMs) * limit.windowMs;
    await settings.store.take({ key: counterKey(limit, key), amount: Math.ceil(tokens), max: Number.MAX_SAFE_INTEGER, windowStartMs });
  }
}
