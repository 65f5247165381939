// SVG bar charts: bar length proportional to the value, room for every value text, and escaped labels.
import { describe, expect, it } from "vitest";
import { barChartSvg } from "./svg-bar-chart.js";

describe("barChartSvg", () => {
  const svg = barChartSvg({
    title: "Rates <by> category",
    series: [{ name: "decision", color: "#2b6cb0" }],
    groups: [
      { label: "simple & co", bars: [{ series: "decision", fraction: 0.5, text: "50.0% (1/2)" }] },
      { label: "multiple", bars: [{ series: "decision", fraction: 1.7, text: "a much longer value text than the others (20/20)" }] },
    ],
    plotWidth: 400,
  });

  it("draws bars proportional to their fraction, clamped to the axis", () => {
    const bars = [...svg.matchAll(/<rect x="170" y="\d+" width="([\d.]+)" height="14" fill="#2b6cb0">/g)].map((match) => Number(match[1]));
    expect(bars).toEqual([200, 400]);
  });

  it("widens the picture so the longest value text fits, and escapes text", () => {
    const width = Number(/viewBox="0 0 (\d+) /.exec(svg)?.[1]);
    const longest = "decision a much longer value text than the others (20/20)".length;
    expect(width).toBeGreaterThanOrEqual(170 + 400 + longest * 7);
    expect(svg).toContain('aria-label="Rates &lt;by&gt; category"');
    expect(svg).toContain(">simple &amp; co<title>");
  });
});
