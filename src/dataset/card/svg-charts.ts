// Small inline SVG charts for the dataset card: no script, no external file, readable in any browser or mail client.

export interface Bar {
  label: string;
  value: number;
  /** Drawn in the warning colour (rows over the context, errors). */
  alert?: boolean;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Horizontal bars, one per label, with the value printed at the end of each bar. */
export function horizontalBars(bars: readonly Bar[], options: { title: string; width?: number } = { title: "" }): string {
  const width = options.width ?? 640;
  const labelWidth = 200;
  const rowHeight = 22;
  const height = bars.length * rowHeight + 30;
  const top = Math.max(1, ...bars.map((bar) => bar.value));
  const scale = (width - labelWidth - 70) / top;
  const rows = bars.map((bar, index) => {
    const y = 24 + index * rowHeight;
    const length = Math.max(bar.value > 0 ? 2 : 0, Math.round(bar.value * scale));
    return [
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 2}" width="${length}" height="${rowHeight - 6}" fill="${bar.alert ? "#c0392b" : "#2e86c1"}"/>`,
      `<text x="${labelWidth + length + 6}" y="${y + 14}">${bar.value}</text>`,
    ].join("");
  });
  return svg(width, height, options.title, rows.join(""));
}

/** A histogram of token counts with the training context drawn as a vertical line. */
export function tokenHistogramChart(bins: readonly { from: number; to: number; rows: number }[], maxTokens: number | undefined, title: string): string {
  const width = 640;
  const height = 240;
  const left = 50;
  const bottom = 200;
  if (bins.length === 0) return svg(width, 60, title, `<text x="${left}" y="40">no rows</text>`);
  const top = Math.max(1, ...bins.map((bin) => bin.rows));
  const span = (bins.at(-1)?.to ?? 1) - (bins[0]?.from ?? 0);
  const plotWidth = width - left - 20;
  const x = (tokens: number) => left + ((tokens - (bins[0]?.from ?? 0)) / span) * plotWidth;
  const bars = bins.map((bin) => {
    const barHeight = Math.round((bin.rows / top) * (bottom - 30));
    const over = maxTokens !== undefined && bin.from >= maxTokens;
    return `<rect x="${x(bin.from) + 1}" y="${bottom - barHeight}" width="${Math.max(1, x(bin.to) - x(bin.from) - 2)}" height="${barHeight}" fill="${over ? "#c0392b" : "#2e86c1"}"><title>${bin.from}–${bin.to} tokens: ${bin.rows} rows</title></rect>`;
  });
  const axis = [
    `<line x1="${left}" y1="${bottom}" x2="${width - 20}" y2="${bottom}" stroke="#555"/>`,
    `<text x="${left}" y="${bottom + 16}">${bins[0]?.from ?? 0}</text>`,
    `<text x="${width - 20}" y="${bottom + 16}" text-anchor="end">${bins.at(-1)?.to ?? 0} tokens</text>`,
    `<text x="${left - 6}" y="40" text-anchor="end">${top}</text>`,
  ];
  const context =
    maxTokens === undefined
      ? ""
      : `<line x1="${x(maxTokens)}" y1="24" x2="${x(maxTokens)}" y2="${bottom}" stroke="#c0392b" stroke-dasharray="4 3"/><text x="${x(maxTokens) + 4}" y="34" fill="#c0392b">context ${maxTokens}</text>`;
  return svg(width, height, title, bars.join("") + axis.join("") + context);
}

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}"><text x="4" y="14" font-weight="bold">${escapeXml(title)}</text>${body}</svg>`;
}
