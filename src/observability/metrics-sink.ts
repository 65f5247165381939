// Prometheus metrics from the gate's CallRecords (decisions, denials, call durations) and from approvals in flight.
import type { Registry } from "prom-client";
import { Counter, Gauge, Histogram } from "prom-client";
import type { CallRecord, CallSink } from "../record/index.js";
import type { Approver } from "../policy/index.js";
import type { DenialAlertOptions } from "./denial-alerts.js";
import { denialAlerts } from "./denial-alerts.js";

export interface MetricsSink extends CallSink {
  /** Wrap the approver so `toolgate_approvals_pending` counts requests waiting for a person. */
  meterApprover(approver: Approver): Approver;
}

export interface MetricsSinkOptions {
  /** Alert on bursts of denials. */
  alerts?: DenialAlertOptions;
}

/** Registers the metrics on `registry` (give each sink its own, or one per process: names are registered once). */
export function metricsSink(registry: Registry, options: MetricsSinkOptions = {}): MetricsSink {
  const decisions = new Counter({ name: "toolgate_decisions_total", help: "Policy decisions by outcome and rule.", labelNames: ["outcome", "rule"] as const, registers: [registry] });
  const denials = new Counter({ name: "toolgate_denials_total", help: "Calls the policy denied, by rule.", labelNames: ["rule"] as const, registers: [registry] });
  const pending = new Gauge({ name: "toolgate_approvals_pending", help: "Approval requests waiting for an answer.", registers: [registry] });
  const duration = new Histogram({
    name: "toolgate_call_duration_seconds",
    help: "Time the gate spent on a call, decode to record, by tool and final status.",
    labelNames: ["tool", "status"] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  const alert = options.alerts ? denialAlerts(options.alerts) : undefined;
  return {
    record(call: CallRecord) {
      duration.observe({ tool: call.toolName ?? "(unresolved)", status: call.status }, call.durationMs / 1000);
      const verdict = call.verdicts.find((entry) => entry.stage === "policy");
      // Calls refused before the policy (bad JSON, unknown tool, invalid arguments) were never decided.
      if (!verdict) return;
      const rule = verdict.ruleId ?? "(none)";
      decisions.inc({ outcome: verdict.outcome, rule });
      if (verdict.outcome === "deny") {
        denials.inc({ rule });
        alert?.({ ruleId: rule, traceId: call.traceId, ...(call.toolName ? { toolName: call.toolName } : {}) });
      }
    },
    meterApprover(approver) {
      return {
        async requestApproval(request, signal) {
          pending.inc();
          try {
            return await approver.requestApproval(request, signal);
          } finally {
            pending.dec();
          }
        },
      };
    },
  };
}
