// Raises an alert when denials cross a threshold within a sliding window: a burst of refusals often means an attack or a broken rule.

export interface DenialAlert {
  kind: "denials";
  /** Denials counted in the window, including the one that raised the alert. */
  count: number;
  threshold: number;
  windowMs: number;
  /** The rule of the denial that crossed the threshold. */
  ruleId: string;
  toolName?: string;
  traceId: string;
  at: string;
}

export interface DenialAlertOptions {
  /** Alert when this many denials fall within `windowMs`. */
  threshold: number;
  windowMs: number;
  onAlert: (alert: DenialAlert) => void;
  clock: () => Date;
}

/** Returns the function to call on each denial. After an alert the window starts empty, so one burst raises one alert. */
export function denialAlerts(options: DenialAlertOptions): (denial: { ruleId: string; toolName?: string; traceId: string }) => void {
  let times: number[] = [];
  return (denial) => {
    const now = options.clock().getTime();
    times = times.filter((time) => now - time < options.windowMs);
    times.push(now);
    if (times.length < options.threshold) return;
    const count = times.length;
    times = [];
    options.onAlert({ kind: "denials", count, threshold: options.threshold, windowMs: options.windowMs, ruleId: denial.ruleId, ...(denial.toolName ? { toolName: denial.toolName } : {}), traceId: denial.traceId, at: new Date(now).toISOString() });
  };
}
