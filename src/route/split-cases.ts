// A deterministic train/held-out split keyed by content, so enrichment never sees the cases it is measured on.
import { createHash } from "node:crypto";

export interface SplitOptions<T> {
  /** Share of items held out, between 0 and 1. Default 0.2. */
  heldOut?: number;
  /** What decides an item's side; items with the same key land together (a query asked twice cannot leak). */
  key: (item: T) => string;
  /** Change it to draw a different, equally deterministic split. */
  salt?: string;
}

/** Each item's side depends only on its key and the salt: stable across runs, machines and input order. */
export function splitCases<T>(items: Iterable<T>, options: SplitOptions<T>): { train: T[]; heldOut: T[] } {
  const share = options.heldOut ?? 0.2;
  if (!(share >= 0 && share <= 1)) throw new RangeError(`splitCases: heldOut must be between 0 and 1, got ${share}`);
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const item of items) {
    const hash = createHash("sha256").update(`${options.salt ?? ""}\u0000${options.key(item)}`).digest();
    (hash.readUInt32BE(0) / 0x1_0000_0000 < share ? heldOut : train).push(item);
  }
  return { train, heldOut };
}
