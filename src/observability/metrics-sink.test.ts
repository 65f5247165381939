import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createGate } from "../gate/index.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import type { ApprovalDecision } from "../policy/index.js";
import { loadPolicy } from "../policy/index.js";
import type { DenialAlert } from "./denial-alerts.js";
import { metricsSink } from "./metrics-sink.js";

describe("metricsSink", () => {
  it("exposes decisions, denials, pending approvals and call durations, and alerts on a burst of denials", async () => {
    const registry = new Registry();
    const alerts: DenialAlert[] = [];
    const sink = metricsSink(registry, { alerts: { threshold: 2, windowMs: 60_000, onAlert: (alert) => alerts.push(alert), clock: () => new Date("2025-01-01T00:00:00Z") } });
    const tool = (name: string, risk: "read" | "privileged") => defineTool({ name, description: name, area: "x", risk, input: { type: "object" }, execute: () => ({ ok: true }) });
    const policy = loadPolicy(
      { rules: [{ id: "reads", risk: "read", effect: "allow" }, { id: "no-delete", tool: "delete", effect: "deny", reason: "never" }, { id: "ask", risk: "privileged", effect: "require-approval" }] },
      { clock: () => new Date(0) },
    );
    let release: (answer: ApprovalDecision) => void = () => {};
    const approver = sink.meterApprover({ requestApproval: () => new Promise((resolve) => (release = resolve)) });
    const gate = createGate({ registry: createToolRegistry({ tools: [tool("get", "read"), tool("delete", "privileged"), tool("grant", "privileged")] }), policy, approver, sink });
    const context = { traceId: "t", step: 0, index: 0, signal: new AbortController().signal };
    await gate.handle({ id: "1", name: "get", arguments: "{}" }, context);
    await gate.handle({ id: "2", name: "delete", arguments: "{}" }, context);
    await gate.handle({ id: "3", name: "delete", arguments: "{}" }, context);
    const waiting = gate.handle({ id: "4", name: "grant", arguments: "{}" }, context);
    await expect.poll(async () => (await registry.getSingleMetricAsString("toolgate_approvals_pending")).includes("toolgate_approvals_pending 1")).toBe(true);
    release({ approved: false, approver: "ops", reason: "not now" });
    await waiting;

    const text = await registry.metrics();
    expect(text).toContain('toolgate_decisions_total{outcome="pass",rule="reads"} 1');
    expect(text).toContain('toolgate_decisions_total{outcome="deny",rule="no-delete"} 2');
    expect(text).toContain('toolgate_decisions_total{outcome="approval-required",rule="ask"} 1');
    expect(text).toContain('toolgate_denials_total{rule="no-delete"} 2');
    expect(text).toContain("toolgate_approvals_pending 0");
    expect(text).toContain('toolgate_call_duration_seconds_count{tool="delete",status="rejected"} 2');
    expect(alerts).toEqual([{ kind: "denials", count: 2, threshold: 2, windowMs: 60_000, ruleId: "no-delete", toolName: "delete", traceId: "t", at: "2025-01-01T00:00:00.000Z" }]);
  });
});
