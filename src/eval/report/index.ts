// Public surface of eval reports: JSON, terminal table, self-contained HTML with SVG charts, JUnit XML, progress.
export { buildEvalReport, evalReportKind, isEvalReport } from "./eval-report.js";
export type { EvalReport } from "./eval-report.js";
export { formatColumns, formatErrorCounts, formatFailures, formatProportion, formatSummaryTable } from "./format-table.js";
export { renderHtmlReport } from "./html-report.js";
export { barChartSvg, escapeXml } from "./svg-bar-chart.js";
export type { BarChartOptions, ChartBar, ChartGroup, ChartSeries } from "./svg-bar-chart.js";
export { renderJunitXml } from "./junit-report.js";
export { createProgressReporter } from "./progress-reporter.js";
export type { ProgressReporter, ProgressStream } from "./progress-reporter.js";
