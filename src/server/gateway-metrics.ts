// Prometheus metrics of the gateway: requests and their latency, upstream errors, withheld and held calls, plus the gate's own.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { metricsSink } from "../observability/index.js";
import type { CallSink } from "../record/index.js";

export interface GatewayMetrics {
  readonly registry: Registry;
  /** The gate's decision metrics (toolgate_decisions_total, toolgate_denials_total, …) from each judged call. */
  readonly calls: CallSink;
  request(route: string, status: number, seconds: number): void;
  upstreamError(code: string): void;
  withheld(kind: string): void;
  /** +1 when a request starts waiting on a person's decision, -1 when it stops. */
  held(delta: number): void;
}

export function gatewayMetrics(): GatewayMetrics {
  // One registry per gateway, so two gateways in one process (tests, replicas) never clash on metric names.
  const registry = new Registry();
  const requests = new Counter({ name: "toolgate_gateway_requests_total", help: "Requests by route and HTTP status.", labelNames: ["route", "status"] as const, registers: [registry] });
  const latency = new Histogram({
    name: "toolgate_gateway_request_duration_seconds",
    help: "Time from request to response headers, by route.",
    labelNames: ["route"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    registers: [registry],
  });
  const upstreamErrors = new Counter({ name: "toolgate_gateway_upstream_errors_total", help: "Upstream faults by code (timeout, 5xx, malformed, broken stream).", labelNames: ["code"] as const, registers: [registry] });
  const withheld = new Counter({ name: "toolgate_gateway_withheld_calls_total", help: "Tool calls the client did not get, by why (denied, invalid, needs-approval: held for a person).", labelNames: ["kind"] as const, registers: [registry] });
  const held = new Gauge({ name: "toolgate_gateway_held_approvals", help: "Requests held now, waiting on a person's approval decision.", registers: [registry] });
  return {
    registry,
    calls: metricsSink(registry),
    request(route, status, seconds) {
      requests.inc({ route, status: String(status) });
      latency.observe({ route }, seconds);
    },
    upstreamError: (code) => upstreamErrors.inc({ code }),
    withheld: (kind) => withheld.inc({ kind }),
    held: (delta) => held.inc(delta),
  };
}
