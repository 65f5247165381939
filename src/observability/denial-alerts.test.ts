import { describe, expect, it } from "vitest";
import type { DenialAlert } from "./denial-alerts.js";
import { denialAlerts } from "./denial-alerts.js";

describe("denialAlerts", () => {
  it("alerts only when denials within the window reach the threshold", () => {
    let now = 0;
    const alerts: DenialAlert[] = [];
    const denied = denialAlerts({ threshold: 3, windowMs: 1_000, onAlert: (alert) => alerts.push(alert), clock: () => new Date(now) });
    denied({ ruleId: "r", traceId: "t" });
    now = 900;
    denied({ ruleId: "r", traceId: "t" });
    now = 1_500; // the first denial has left the window
    denied({ ruleId: "r", traceId: "t" });
    expect(alerts).toEqual([]);
    now = 1_600;
    denied({ ruleId: "r2", traceId: "t" });
    expect(alerts).toMatchObject([{ count: 3, ruleId: "r2", at: new Date(1_600).toISOString() }]);
  });
});
