// Public surface of eval reports: JSON, terminal table, self-contained HTML with SVG charts, JUnit XML, progress.
export { buildEvalReport, isEvalReport } from "./eval-report.js";
export type { EvalReport } from "./eval-report.js";
export { formatColumns, formatErrorCounts, formatFailures, formatSummaryTable } from "./format-table.js";
export { renderHtmlReport } from "./html-report.js";
export { renderJunitXml } from "./junit-report.js";
export { createProgressReporter } from "./progress-reporter.js";
