// Public surface of the observability room: what operators watch live — Prometheus metrics of the gate's decisions, denial alerts.
export { metricsSink } from "./metrics-sink.js";
export type { MetricsSink, MetricsSinkOptions } from "./metrics-sink.js";
export { denialAlerts } from "./denial-alerts.js";
export type { DenialAlert, DenialAlertOptions } from "./denial-alerts.js";
