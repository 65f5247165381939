// CI thresholds: `--min decision=0.9 --min simple_python.arguments=0.8` parsed, checked, and every miss named.
import type { Proportion } from "../scoring/index.js";

export interface Threshold {
  /** The flag as given, for messages. */
  key: string;
  /** Absent: the overall value. */
  category?: string;
  metric: string;
  min: number;
}

export interface ThresholdMiss {
  threshold: Threshold;
  /** null when the run did not measure it (no such category, or no case of that kind). */
  actual: number | null;
}

export class ThresholdError extends Error {
  override readonly name = "ThresholdError";
}

/** `metric=value` or `category.metric=value`; the value is a fraction (0.9) or a percentage (90%). */
export function parseThreshold(text: string, metrics: readonly string[]): Threshold {
  const equals = text.indexOf("=");
  const key = equals > 0 ? text.slice(0, equals).trim() : "";
  const valueText = equals > 0 ? text.slice(equals + 1).trim() : "";
  const example = `e.g. --min ${metrics[0] ?? "decision"}=0.9 or --min simple_python.${metrics[1] ?? "arguments"}=85%`;
  if (key === "" || valueText === "") throw new ThresholdError(`--min ${text}: write <metric>=<value> or <category>.<metric>=<value>, ${example}`);
  const dot = key.lastIndexOf(".");
  const metric = dot >= 0 ? key.slice(dot + 1) : key;
  const category = dot >= 0 ? key.slice(0, dot) : undefined;
  if (!metrics.includes(metric)) throw new ThresholdError(`--min ${text}: unknown metric "${metric}"; use one of ${metrics.join(", ")}`);
  const percent = valueText.endsWith("%");
  const number = Number(percent ? valueText.slice(0, -1) : valueText);
  const min = percent ? number / 100 : number;
  if (!Number.isFinite(number) || min < 0 || min > 1) throw new ThresholdError(`--min ${text}: the value must be a fraction from 0 to 1 or a percentage, ${example}`);
  return { key, ...(category ? { category } : {}), metric, min };
}

export function checkThresholds(thresholds: readonly Threshold[], lookup: (category: string | undefined, metric: string) => Proportion | undefined): ThresholdMiss[] {
  const misses: ThresholdMiss[] = [];
  for (const threshold of thresholds) {
    const rate = lookup(threshold.category, threshold.metric)?.rate ?? null;
    if (rate === null || rate < threshold.min) misses.push({ threshold, actual: rate });
  }
  return misses;
}

export function formatThresholdMiss(miss: ThresholdMiss): string {
  const wanted = `${(miss.threshold.min * 100).toFixed(1)}%`;
  if (miss.actual === null) return `${miss.threshold.key}: not measured by this run (wanted at least ${wanted})`;
  return `${miss.threshold.key}: ${(miss.actual * 100).toFixed(1)}% is below the minimum ${wanted}`;
}
