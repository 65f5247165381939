// Window lengths as people write them in policy files ("30s", "5m", "1h", "1d") or as milliseconds.
const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds in a window; throws naming the accepted forms, so a policy file error says how to fix it. */
export function parseDuration(value: string | number): number {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && value > 0) return value;
    throw new RangeError(`a window in milliseconds must be a whole number above 0, got ${value}`);
  }
  const match = /^\s*(\d+)\s*(ms|s|m|h|d)\s*$/.exec(value);
  const amount = match ? Number(match[1]) : 0;
  if (!match || amount <= 0) throw new RangeError(`"${value}" is not a window: write a whole number and a unit, e.g. 30s, 5m, 1h or 1d`);
  return amount * units[match[2]!]!;
}

/** The shortest exact text for a window, for messages ("per 1m"). */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m", "s"] as const) if (ms % units[unit]! === 0) return `${ms / units[unit]!}${unit}`;
  return `${ms}ms`;
}
