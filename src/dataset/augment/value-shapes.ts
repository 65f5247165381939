// What a swappable argument value looks like, and a new value of the same shape. A model copies a value from the request
// only when remembering it cannot work: each variant gets values drawn fresh, so a value seen in training is (almost)
// never seen again. Shapes are read from the value itself, not from a parameter name:
//   - an ISO date (YYYY-MM-DD): another real calendar date within `dateSpanDays` of it;
//   - a number: the same count of significant digits and the same trailing zeros (2500 → 7300), same sign and decimals;
//   - a string holding digits (ids such as C-2249, S-45, order numbers): each digit run redrawn at its length (a leading
//     non-zero stays non-zero), letters and punctuation kept, so the id keeps its kind;
//   - any other string (names, reasons, free text): another value the same tool parameter takes elsewhere in the data
//     (the pool), since inventing words would make them unlike anything a user writes.
import type { JsonValue } from "../record.js";

export type ValueShape = "date" | "number" | "digits" | "pooled";

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

export function valueShape(value: JsonValue): ValueShape | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? "number" : undefined;
  if (typeof value !== "string") return undefined;
  if (isoDate.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return "date";
  if (/\d/.test(value)) return "digits";
  return "pooled";
}

export interface ShapeOptions {
  /** How far (in days, either way) a swapped date may move. */
  dateSpanDays: number;
}

/** A new value of `value`'s shape, or undefined when the shape has no fresh value (an empty pool). */
export function drawLike(value: JsonValue, shape: ValueShape, random: () => number, options: ShapeOptions, pool: readonly JsonValue[] = []): JsonValue | undefined {
  const digit = (nonZero: boolean) => String((nonZero ? 1 : 0) + Math.floor(random() * (nonZero ? 9 : 10)));
  // A run that starts with a non-zero digit keeps a non-zero first digit (C-2249 stays four digits long, 500 stays 500-ish).
  const redrawRun = (run: string) => [...run].map((char, index) => digit(index === 0 && char !== "0")).join("");
  switch (shape) {
    case "date": {
      const time = Date.parse(`${value as string}T00:00:00Z`);
      const offset = 1 + Math.floor(random() * options.dateSpanDays);
      return new Date(time + (random() < 0.5 ? -offset : offset) * dayMs).toISOString().slice(0, 10);
    }
    case "number": {
      const number = value as number;
      const text = String(Math.abs(number));
      if (/e/i.test(text)) return undefined;
      const [whole, fraction] = text.split(".") as [string, string | undefined];
      // Trailing zeros of a whole number stay (an amount in hundreds stays one); the significant part is redrawn.
      const zeros = fraction === undefined && whole !== "0" ? /0*$/.exec(whole)![0].length : 0;
      const significant = whole.slice(0, whole.length - zeros);
      const drawn = `${significant === "0" ? "0" : redrawRun(significant)}${"0".repeat(zeros)}${fraction === undefined ? "" : `.${redrawRun(fraction)}`}`;
      return (number < 0 ? -1 : 1) * Number(drawn);
    }
    case "digits":
      return (value as string).replace(/\d+/g, (run) => redrawRun(run));
    case "pooled": {
      const others = pool.filter((candidate) => candidate !== value);
      return others.length === 0 ? undefined : others[Math.floor(random() * others.length)];
    }
  }
}
