// Inline SVG horizontal bar charts for the HTML report: no script, no external asset, readable without colour.
export interface ChartSeries {
  name: string;
  color: string;
}

interface ChartBar {
  series: string;
  /** Bar length as a fraction of the axis (0..1). */
  fraction: number;
  /** What is written after the bar, e.g. `92.5% (37/40)`. */
  text: string;
}

export interface ChartGroup {
  label: string;
  bars: ChartBar[];
}

export interface BarChartOptions {
  title: string;
  series: ChartSeries[];
  groups: ChartGroup[];
  /** Length of a full bar in pixels. */
  plotWidth?: number;
}

const labelWidth = 170;
/** Roughly the advance of a 12 px sans-serif character: enough to keep value texts inside the picture. */
const charWidth = 7;
const barHeight = 14;
const barGap = 3;
const groupGap = 12;
const legendHeight = 24;

export function barChartSvg(options: BarChartOptions): string {
  const plotWidth = options.plotWidth ?? 420;
  const longest = Math.max(0, ...options.groups.flatMap((group) => group.bars.map((bar) => bar.series.length + 1 + bar.text.length)));
  const legendWidth = options.series.length * 120 - plotWidth;
  const width = labelWidth + plotWidth + Math.max(130, longest * charWidth + 12, legendWidth);
  const colorOf = new Map(options.series.map((series) => [series.name, series.color]));
  const parts: string[] = [];
  let y = legendHeight;
  for (const group of options.groups) {
    const groupHeight = Math.max(1, group.bars.length) * (barHeight + barGap) - barGap;
    parts.push(`<text x="${labelWidth - 8}" y="${y + groupHeight / 2 + 4}" text-anchor="end" class="label">${escapeXml(truncate(group.label, 26))}<title>${escapeXml(group.label)}</title></text>`);
    for (const bar of group.bars) {
      const fraction = Math.min(1, Math.max(0, Number.isFinite(bar.fraction) ? bar.fraction : 0));
      const length = Math.round(fraction * plotWidth * 10) / 10;
      parts.push(
        `<rect x="${labelWidth}" y="${y}" width="${plotWidth}" height="${barHeight}" class="track"/>` +
          `<rect x="${labelWidth}" y="${y}" width="${length}" height="${barHeight}" fill="${colorOf.get(bar.series) ?? "#888"}">` +
          `<title>${escapeXml(`${group.label} · ${bar.series}: ${bar.text}`)}</title></rect>` +
          `<text x="${labelWidth + plotWidth + 6}" y="${y + barHeight - 3}" class="value">${escapeXml(`${bar.series} ${bar.text}`)}</text>`,
      );
      y += barHeight + barGap;
    }
    y += groupGap - barGap;
  }
  const height = Math.max(y, legendHeight + barHeight);
  const legend = options.series
    .map((series, index) => {
      const x = labelWidth + index * 120;
      return `<rect x="${x}" y="4" width="12" height="12" fill="${series.color}"/><text x="${x + 16}" y="14" class="legend">${escapeXml(series.name)}</text>`;
    })
    .join("");
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" class="chart">` +
    `<title>${escapeXml(options.title)}</title>${legend}${parts.join("")}</svg>`
  );
}

/** Escapes markup and drops the control characters XML 1.0 forbids (model output may carry them). */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
