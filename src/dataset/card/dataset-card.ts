// The dataset card a person reads before training: composition, tokens against the context, defects, duplicates, leakage, provenance.
import type { DatasetManifest } from "../bundle/index.js";
import type { TokenReport } from "../tokens/index.js";
import type { Bar } from "./svg-charts.js";
import { horizontalBars, tokenHistogramChart } from "./svg-charts.js";

export interface CardInput {
  title: string;
  /** A bundle's manifest: rows, categories, sources with licences, steps, leakage, audit head, signature. */
  manifest?: DatasetManifest;
  /** Rows per category when there is no manifest (or to override it). */
  composition?: Record<string, number>;
  tokens?: TokenReport;
  /** Defects per kind as the verify step counted them. */
  defects?: Record<string, { count: number; severity?: string }>;
  duplicates?: { exact?: number; near?: number; clusters?: number; removed?: number };
  leakage?: { checked?: number; leaking?: number; removed?: number; against?: string[]; rows?: string[] };
}

export interface DatasetCard {
  markdown: string;
  html: string;
}

export function renderDatasetCard(input: CardInput): DatasetCard {
  const composition = input.composition ?? input.manifest?.categories ?? {};
  const leakage = input.leakage ?? (isLeakage(input.manifest?.leakage) ? input.manifest?.leakage : undefined);
  const sections: { heading: string; text: string[]; chart?: string }[] = [];

  const totalRows = Object.values(composition).reduce((sum, rows) => sum + rows, 0);
  sections.push({
    heading: "Composition",
    text: totalRows === 0 ? ["No categories were recorded."] : Object.entries(composition).sort((a, b) => b[1] - a[1]).map(([name, rows]) => `- ${name}: ${rows} (${percent(rows, totalRows)})`),
    chart: totalRows === 0 ? undefined : horizontalBars(Object.entries(composition).map(([label, value]) => ({ label, value })), { title: "Rows per category" }),
  });

  if (input.tokens) {
    const report = input.tokens;
    sections.push({
      heading: "Tokens against the context",
      text: [
        `Counted with template ${report.template} and tokenizer ${report.tokenizer}${report.maxTokens === undefined ? "" : `, context ${report.maxTokens}`}.`,
        `- ${report.rows} rows: ${report.kept} kept, ${new Set(report.actions.map((action) => action.id)).size} fitted, ${report.dropped.length} dropped, ${report.refused.length} refused by the template`,
        `- ${report.totalTokens} tokens, ${report.trainedTokens} trained (${percent(report.trainedTokens, report.totalTokens)}); per row p50 ${report.p50}, p95 ${report.p95}, max ${report.maxRowTokens}`,
        ...summariseActions(report),
      ],
      chart: tokenHistogramChart(report.histogram, report.maxTokens, "Rows by token count (before fitting)"),
    });
  }

  if (input.defects) {
    const entries = Object.entries(input.defects).filter(([, entry]) => entry.count > 0).sort((a, b) => b[1].count - a[1].count);
    sections.push({
      heading: "Defects found",
      text: entries.length === 0 ? ["None."] : entries.map(([kind, entry]) => `- ${kind}${entry.severity ? ` (${entry.severity})` : ""}: ${entry.count}`),
      chart: entries.length === 0 ? undefined : horizontalBars(entries.map(([label, entry]): Bar => ({ label, value: entry.count, alert: entry.severity === "error" })), { title: "Defects per kind" }),
    });
  }

  if (input.duplicates) {
    const dup = input.duplicates;
    sections.push({
      heading: "Duplicates",
      text: [`- exact: ${dup.exact ?? 0}`, `- near-duplicates: ${dup.near ?? 0}${dup.clusters === undefined ? "" : ` in ${dup.clusters} clusters`}`, `- removed: ${dup.removed ?? 0}`],
      chart: horizontalBars([{ label: "exact", value: dup.exact ?? 0 }, { label: "near", value: dup.near ?? 0 }, { label: "removed", value: dup.removed ?? 0, alert: true }], { title: "Duplicates" }),
    });
  }

  sections.push({
    heading: "Leakage",
    text: leakage
      ? [
          `- checked against: ${(leakage.against ?? []).join(", ") || "(not named)"}`,
          `- leaking rows: ${leakage.leaking ?? leakage.rows?.length ?? 0}${leakage.checked === undefined ? "" : ` of ${leakage.checked}`}, removed: ${leakage.removed ?? 0}`,
          ...(leakage.rows ?? []).slice(0, 20).map((id) => `  - ${id}`),
        ]
      : ["No leakage check was recorded: do not evaluate on sets this data may overlap."],
  });

  if (input.manifest) {
    const manifest = input.manifest;
    sections.push({
      heading: "Provenance",
      text: [
        `- base model ${manifest.baseModel}, trainer ${manifest.trainer}, ${manifest.rows.train} train / ${manifest.rows.eval} held-back rows`,
        ...manifest.sources.map((source) => `- source ${source.file} (${source.format}), licence ${source.licence}: ${source.rows} rows`),
        ...manifest.steps.map((step) => `- step ${step.step}: ${step.rowsIn} → ${step.rowsOut}`),
        ...(manifest.audit ? [`- traces read at audit head seq ${manifest.audit.headSeq} (${manifest.audit.headHash.slice(0, 16)}…)`] : []),
        manifest.signature ? `- manifest signed by ${manifest.signature.keyId} (${manifest.signature.algorithm})` : "- manifest NOT signed",
      ],
    });
  }

  const markdown = [`# ${input.title}`, "", ...sections.flatMap((section) => [`## ${section.heading}`, "", ...section.text, ""])].join("\n");
  const html = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>`,
    "<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#222}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}svg{display:block;margin:.8em 0}li{margin:.15em 0}</style>",
    "</head><body>",
    `<h1>${escapeHtml(input.title)}</h1>`,
    ...sections.map((section) => `<section><h2>${escapeHtml(section.heading)}</h2>${listHtml(section.text)}${section.chart ?? ""}</section>`),
    "</body></html>",
  ].join("\n");
  return { markdown, html };
}

function summariseActions(report: TokenReport): string[] {
  const byStrategy = new Map<string, number>();
  for (const action of report.actions) byStrategy.set(action.strategy, (byStrategy.get(action.strategy) ?? 0) + 1);
  return [...byStrategy].map(([strategy, rows]) => `- ${strategy}: ${rows} row(s)`);
}

function listHtml(lines: readonly string[]): string {
  const items = lines.filter((line) => line.startsWith("- ") || line.startsWith("  - "));
  const prose = lines.filter((line) => !items.includes(line));
  return `${prose.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}${items.length > 0 ? `<ul>${items.map((line) => `<li>${escapeHtml(line.replace(/^\s*- /, ""))}</li>`).join("")}</ul>` : ""}`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${((part / whole) * 100).toFixed(1)}%`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function isLeakage(value: unknown): value is CardInput["leakage"] {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
