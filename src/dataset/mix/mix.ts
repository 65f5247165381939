// Composition by category, and a target mix reached by seeded sampling (without replacement; shortfalls reported).
import type { DatasetRecord, RecordCategory } from "../record.js";
import { categorize } from "./categorize.js";
import { seededRandom, shuffle } from "./seeded-random.js";

export type Composition = Partial<Record<RecordCategory, number>>;

export function categoryOf(record: DatasetRecord): RecordCategory {
  return record.meta.category ?? categorize(record);
}

export function composition(records: Iterable<DatasetRecord>): Composition {
  const counts: Composition = {};
  for (const record of records) {
    const category = categoryOf(record);
    counts[category] = (counts[category] ?? 0) + 1;
  }
  return counts;
}

export interface MixTarget {
  /** Share of the output per category (normalised to sum 1); categories left out are not sampled. */
  shares: Composition;
  /** Output rows; default: the largest total the shares allow without sampling any category twice. */
  total?: number;
  seed: number;
}

export interface MixResult {
  records: DatasetRecord[];
  before: Composition;
  after: Composition;
  /** Categories that had fewer rows than their share asked for: wanted vs available. */
  shortfalls: Partial<Record<RecordCategory, { wanted: number; available: number }>>;
}

export function mixRecords(records: DatasetRecord[], target: MixTarget): MixResult {
  const random = seededRandom(target.seed);
  const byCategory = new Map<RecordCategory, DatasetRecord[]>();
  for (const record of records) {
    const category = categoryOf(record);
    byCategory.set(category, [...(byCategory.get(category) ?? []), record]);
  }
  const entries = Object.entries(target.shares).filter(([, share]) => (share ?? 0) > 0) as [RecordCategory, number][];
  const sum = entries.reduce((total, [, share]) => total + share, 0);
  const total = target.total ?? Math.floor(Math.min(...entries.map(([category, share]) => (byCategory.get(category)?.length ?? 0) / (share / sum))));
  const chosen: DatasetRecord[] = [];
  const shortfalls: MixResult["shortfalls"] = {};
  for (const [category, share] of entries) {
    const wanted = Math.round((total * share) / sum);
    const pool = shuffle([...(byCategory.get(category) ?? [])], random);
    if (pool.length < wanted) shortfalls[category] = { wanted, available: pool.length };
    chosen.push(...pool.slice(0, wanted));
  }
  // Keep input order among the chosen rows, so a mix is a filter of the dataset, not a reshuffle.
  const order = new Map(records.map((record, index) => [record, index]));
  chosen.sort((a, b) => order.get(a)! - order.get(b)!);
  return { records: chosen, before: composition(records), after: composition(chosen), shortfalls };
}
