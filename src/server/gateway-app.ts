// The gateway's HTTP surface (Hono): API-key auth, OpenAI-style errors, guard mode for /v1/chat/completions.
import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AuditEventInput, AuditStore } from "../audit/index.js";
import type { Policy } from "../policy/index.js";
import type { JsonValue, Principal, RiskLevel } from "../record/index.js";
import { newTraceId } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import type { ApiKeyInfo, ApiKeyStore } from "./api-keys.js";
import { clientToolRegistry } from "./client-tools.js";
import { checkMessages, conversationTaint, reportedResultEvents } from "./conversation.js";
import { guardCompletion } from "./guard-completion.js";
import { GatewayError } from "./openai-error.js";
import { guardStream } from "./guard-stream.js";
import { gatewayMetrics } from "./gateway-metrics.js";
import type { UpstreamSettings } from "./upstream.js";
import type { ApprovalHold } from "./held-approvals.js";
import type { GatewayLimits } from "./request-limits.js";
import type { GatewayAgents } from "./agent-completion.js";
import { agentCompletion, agentMessages, agentModelPrefix } from "./agent-completion.js";
import { admitRequest, chargeTokens, LimitExceeded } from "./request-limits.js";
import type { InFlightWork } from "./in-flight.js";
import { defaultHeartbeatMs } from "./approval-waiter.js";

export interface GatewayOptions {
  upstream: UpstreamSettings;
  /** Model names clients may ask for; anything else is a 404 `model_not_found`. */
  models: readonly string[];
  policy: Policy;
  audit: AuditStore;
  keys: ApiKeyStore;
  /** A key needs one of these roles to use the gateway (default: any key). */
  allowedRoles?: readonly string[];
  /** Client tools whose results carry outside text (mail, web pages): their values taint later calls. */
  untrustedTools?: readonly string[];
  /** Risk of client tools by name (default `write`), for policies matching on risk. */
  toolRisk?: Record<string, RiskLevel>;
  repairRounds?: number;
  /** Largest request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Calls needing a person are recorded here (decided with `toolgate approvals` or the dashboard) and, when
   * `holdMs` > 0, the request is held until the decision or the hold's end, whichever comes first.
   */
  approvals?: ApprovalHold;
  /** Installs extra routes (the dashboard under `/ui`); they bring their own auth, the `/v1` key check does not cover them. */
  ui?: (app: Hono<Env>) => void;
  /** Rate limits and token budgets per key or principal; a request over one gets a 429 with Retry-After. */
  limits?: GatewayLimits;
  /** Agent mode: `model: "toolgate/<name>"` runs the governed loop here; the trace id is in `x-toolgate-trace-id`. */
  agents?: GatewayAgents;
  /**
   * How long an authenticated key is trusted without asking the key store again (default 1000 ms; 0: every request).
   * A revoked key stops working within this time.
   */
  keyCacheMs?: number;
  /** Counts requests until they are recorded, so a graceful stop can wait for them (`toolgate serve` passes one). */
  inFlight?: InFlightWork;
}

type Env = { Variables: { key: ApiKeyInfo; traceId: string; release: () => void; streaming: boolean } };

export function createGatewayApp(options: GatewayOptions): Hono<Env> {
  const app = new Hono<Env>();
  const registries = registryCache(options);
  const metrics = gatewayMetrics();
  const upstreamFault = (error?: GatewayError) => {
    if (error?.code.startsWith("upstream_") && error.code !== "upstream_rejected") metrics.upstreamError(error.code);
  };

  app.use("*", async (c, next) => {
    const started = performance.now();
    const release = options.inFlight?.begin() ?? noop;
    c.set("release", release);
    try {
      await next();
    } finally {
      // A stream is recorded when it ends: it releases itself then.
      if (!c.get("streaming")) release();
    }
    metrics.request(c.req.routePath, c.res.status, (performance.now() - started) / 1000);
  });

  app.get("/healthz", (c) => c.json({ ok: true }));
  options.ui?.(app);

  // Ready when the stores answer and an upstream is configured; a load balancer sends traffic only then.
  app.get("/readyz", async (c) => {
    const problems: string[] = [];
    await options.audit.read({ limit: 1 }).catch((error: unknown) => problems.push(`audit store: ${(error as Error).message}`));
    await options.keys.authenticate("tgk_readiness-probe").catch((error: unknown) => problems.push(`key store: ${(error as Error).message}`));
    if (!options.upstream.baseUrl) problems.push("no upstream configured");
    return problems.length === 0 ? c.json({ ready: true }) : c.json({ ready: false, problems }, 503);
  });

  const keyOf = cachedKeys(options.keys, options.keyCacheMs ?? 1000);
  const authenticate = async (c: Context<Env>, next: () => Promise<void>) => {
    const traceId = newTraceId();
    c.set("traceId", traceId);
    c.header("x-toolgate-trace-id", traceId);
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const refuse = async (error: GatewayError) => {
      await record(options.audit, [requestFinished(traceId, undefined, error)]);
      return c.json(error.body(), error.status);
    };
    if (!token) return refuse(new GatewayError(401, "authentication_error", "missing_api_key", "no API key: send Authorization: Bearer <key> (toolgate keys create)"));
    const key = await keyOf(token);
    if (!key) return refuse(new GatewayError(401, "authentication_error", "invalid_api_key", "the API key is unknown or revoked"));
    if (options.allowedRoles && !options.allowedRoles.some((role) => key.principal.roles?.includes(role))) {
      return refuse(new GatewayError(403, "permission_error", "role_not_allowed", `principal ${key.principal.id} has none of the roles this gateway admits (${options.allowedRoles.join(", ")})`));
    }
    c.set("key", key);
    await next();
  };
  app.use("/v1/*", authenticate);
  app.use("/metrics", authenticate);

  app.get("/metrics", async (c) => c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }));

  app.get("/v1/models", (c) => c.json({ object: "list", data: modelIds(options).map((id) => ({ id, object: "model", created: 0, owned_by: "toolgate" })) }));

  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const tooLarge = async (c: Context<Env>) => {
    const error = new GatewayError(413, "invalid_request_error", "request_too_large", `the request body is larger than ${maxBodyBytes} bytes`);
    await record(options.audit, [requestFinished(c.get("traceId"), c.get("key").principal, error)]);
    return c.json(error.body(), 413);
  };
  const streamedBodyLimit = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  // A declared length is checked from the header alone, leaving the body to `c.req.text()`, which reads the Node request
  // directly. Hono's bodyLimit touches `c.req.raw.body`, and that turns every request into a web stream (about 5% of the
  // gateway's CPU per request in a profile); it still guards bodies sent without a length (chunked).
  const limitBody = async (c: Context<Env>, next: () => Promise<void>) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streamedBodyLimit(c, next);
    if (Number(length) > maxBodyBytes) return tooLarge(c);
    await next();
  };

  app.post(
    "/v1/chat/completions",
    limitBody,
    async (c) => {
      const traceId = c.get("traceId");
      const principal = c.get("key").principal;
      const events: AuditEventInput[] = [];
      // Tokens the upstream reported in this request's model steps (repair rounds included), charged to token budgets.
      const charge = async () => {
        if (options.limits) await chargeTokens(options.limits, c.get("key"), { total_tokens: reportedTokens(events) });
      };
      try {
        if (options.limits) await admitRequest(options.limits, c.get("key"));
        const { body, text } = await jsonBody(c);
        const model = body.model;
        const agent = typeof model === "string" && model.startsWith(agentModelPrefix) ? model.slice(agentModelPrefix.length) : undefined;
        if (agent !== undefined && options.agents?.names.includes(agent)) {
          if (body.stream === true) throw new GatewayError(400, "invalid_request_error", "stream_unsupported", "agent mode answers once the run has finished; send stream: false", "stream");
          const messages = agentMessages(checkMessages(body.messages));
          // The run records itself (run.started … run.finished) under this trace id in the audit trail.
          const trace = await options.agents.run({ agent, messages, traceId, principal, signal: c.req.raw.signal });
          if (options.limits) await chargeTokens(options.limits, c.get("key"), { total_tokens: trace.usage.totalTokens });
          return c.json(agentCompletion(model as string, trace));
        }
        if (typeof model !== "string" || !options.models.includes(model)) {
          throw new GatewayError(404, "not_found_error", "model_not_found", `the model ${JSON.stringify(model)} does not exist here; GET /v1/models lists ${modelIds(options).join(", ")}`, "model");
        }
        const messages = checkMessages(body.messages);
        const registry = registries(body.tools);
        let holdStarted: (() => void) | undefined;
        events.push({ type: "run.started", traceId, at: new Date().toISOString(), data: { mode: "guard", model, principal: principal as unknown as JsonValue, stream: body.stream === true, tools: registry.tools.map((tool) => tool.name) } });
        events.push(...reportedResultEvents(messages, traceId));
        const judge = {
          traceId,
          registry,
          policy: options.policy,
          principal,
          taint: conversationTaint(messages, registry, traceId),
          events,
          sink: metrics.calls,
          onWithheld: metrics.withheld,
          ...(options.approvals
            ? {
                approvals: options.approvals.store,
                hold: options.approvals,
                onHeld: (delta: number) => {
                  metrics.held(delta);
                  if (delta > 0) holdStarted?.();
                },
              }
            : {}),
        };
        if (body.stream === true) {
          c.set("streaming", true);
          const release = c.get("release");
          const streamed = await guardStream({
            body,
            upstream: options.upstream,
            judge,
            signal: c.req.raw.signal,
            finish: async (error) => {
              try {
                upstreamFault(error);
                await Promise.all([charge(), record(options.audit, [...events, requestFinished(traceId, principal, error)])]);
              } finally {
                release();
              }
            },
          }).catch((error: unknown) => {
            // No stream was started (the upstream refused before the first byte): the handler records and releases.
            c.set("streaming", false);
            throw error;
          });
          // A Response built outside the context does not carry the context's headers: the trace id is set on it.
          streamed.headers.set("x-toolgate-trace-id", traceId);
          return streamed;
        }
        // The answer is sent once it is recorded (durably): an acknowledged request is in the audit trail.
        const answer = async (): Promise<{ status: number; body: unknown }> => {
          try {
            const completion = await guardCompletion({ body, messages, upstream: options.upstream, repairRounds: options.repairRounds ?? 2, judge, signal: c.req.raw.signal, rawBody: text });
            await Promise.all([charge(), record(options.audit, [...events, requestFinished(traceId, principal)])]);
            return { status: 200, body: completion };
          } catch (error) {
            const failure = asGatewayError(error);
            upstreamFault(failure);
            await Promise.all([charge(), record(options.audit, [...events, requestFinished(traceId, principal, failure)])]);
            return { status: failure.status, body: failure.body() };
          }
        };
        const hold = options.approvals;
        if (!hold || hold.holdMs <= 0) {
          const done = await answer();
          return c.json(done.body, done.status as 200);
        }
        const holding = new Promise<"held">((resolveHeld) => (holdStarted = () => resolveHeld("held")));
        const work = answer();
        const first = await Promise.race([work, holding]);
        if (first !== "held") return c.json(first.body, first.status as 200);
        // Held for a person: the status goes out now and whitespace keeps the connection alive until the decision.
        c.set("streaming", true);
        void work.finally(c.get("release")).catch(() => undefined);
        const held = heldResponse(work, hold.heartbeatMs ?? defaultHeartbeatMs);
        held.headers.set("x-toolgate-trace-id", traceId);
        return held;
      } catch (error) {
        const failure = asGatewayError(error);
        upstreamFault(failure);
        await Promise.all([charge(), record(options.audit, [...events, requestFinished(traceId, principal, failure)])]);
        if (failure instanceof LimitExceeded) c.header("retry-after", String(failure.retryAfterSeconds));
        return c.json(failure.body(), failure.status);
      }
    },
  );

  return app;
}

/** The body parsed, and as the client sent it (passed on to the upstream without serialising it again). */
async function jsonBody(c: Context): Promise<{ body: Record<string, unknown>; text: string }> {
  let parsed: unknown;
  let text: string;
  try {
    text = await c.req.text();
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GatewayError(400, "invalid_request_error", "invalid_json", `the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new GatewayError(400, "invalid_request_error", "invalid_json", "the request body must be a JSON object");
  return { body: parsed as Record<string, unknown>, text };
}

const noop = () => undefined;

const asGatewayError = (error: unknown): GatewayError =>
  error instanceof GatewayError ? error : new GatewayError(500, "server_error", "internal_error", `the gateway failed: ${(error as Error).message}`);

/**
 * A 200 sent before its body is known, for a request held on a person: a newline at once and every `heartbeatMs`
 * (JSON parsers skip leading whitespace), then the completion, or, if it failed meanwhile, its OpenAI-style error object.
 */
function heldResponse(work: Promise<{ status: number; body: unknown }>, heartbeatMs: number): Response {
  const encoder = new TextEncoder();
  const newline = encoder.encode("\n");
  let beat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          // The client went away; its signal ends the hold.
        }
      };
      send(newline);
      beat = setInterval(() => send(newline), heartbeatMs);
      void work
        .catch((error: unknown) => ({ status: 500, body: asGatewayError(error).body() }))
        .then((done) => {
          clearInterval(beat);
          send(encoder.encode(JSON.stringify(done.body)));
          try {
            controller.close();
          } catch {
            // already cancelled
          }
        });
    },
    cancel() {
      clearInterval(beat);
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "application/json", "x-toolgate-held": "true" } });
}

/**
 * Keys the store recognised, for `ttlMs`: a key store on PostgreSQL is a round trip, and even SQLite's lookup and the
 * principal's parse cost more than the rest of the request's admission. Unknown keys are never cached.
 */
function cachedKeys(keys: ApiKeyStore, ttlMs: number): (token: string) => Promise<ApiKeyInfo | undefined> {
  if (ttlMs <= 0) return (token) => keys.authenticate(token);
  const cache = new Map<string, { key: ApiKeyInfo; until: number }>();
  return async (token) => {
    const now = performance.now();
    const hit = cache.get(token);
    if (hit !== undefined && hit.until > now) return hit.key;
    const key = await keys.authenticate(token);
    if (key === undefined) {
      cache.delete(token);
      return undefined;
    }
    if (cache.size >= 1024) cache.delete(cache.keys().next().value!);
    cache.set(token, { key, until: now + ttlMs });
    return key;
  };
}

/** Client tool registries by their JSON: compiling schemas per request would dominate the gateway's own latency. */
function registryCache(options: GatewayOptions): (tools: unknown) => ToolRegistry {
  const cache = new Map<string, ToolRegistry>();
  return (tools) => {
    const cacheKey = JSON.stringify(tools ?? null);
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    const registry = clientToolRegistry(tools, { ...(options.toolRisk ? { risk: options.toolRisk } : {}), ...(options.untrustedTools ? { untrusted: options.untrustedTools } : {}) });
    if (cache.size >= 256) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, registry);
    return registry;
  };
}

function requestFinished(traceId: string, principal: Principal | undefined, error?: GatewayError): AuditEventInput {
  return {
    type: "run.finished",
    traceId,
    at: new Date().toISOString(),
    data: {
      mode: "guard",
      principal: (principal ?? null) as unknown as JsonValue,
      outcome: error ? "error" : "ok",
      ...(error ? { error: { status: error.status, type: error.type, code: error.code, message: error.message } } : {}),
    },
  };
}

/** Guard-mode models, then the agents as `toolgate/<name>`. */
function modelIds(options: GatewayOptions): string[] {
  return [...options.models, ...(options.agents?.names ?? []).map((name) => `${agentModelPrefix}${name}`)];
}

function reportedTokens(events: readonly AuditEventInput[]): number {
  let total = 0;
  for (const event of events) {
    if (event.type !== "model.step") continue;
    const tokens = Number((event.data as { usage?: { total_tokens?: unknown } | null }).usage?.total_tokens);
    if (Number.isFinite(tokens)) total += tokens;
  }
  return total;
}

async function record(audit: AuditStore, events: AuditEventInput[]): Promise<void> {
  await audit.append(events);
}
