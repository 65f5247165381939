// Seeded stratified split grouped by conversation: rows of one conversation (same conversationId / trace, or the same
// opening user turn, as one dialogue's growing steps share it) always land in the same split, and each category is
// divided by the requested ratios.
import { sha256Hex } from "../../record/index.js";
import type { DatasetRecord, RecordCategory } from "../record.js";
import { categoryOf, composition } from "./mix.js";
import type { Composition } from "./mix.js";
import { seededRandom, shuffle } from "./seeded-random.js";

export interface SplitOptions {
  /** Split name → share, e.g. { train: 0.8, validation: 0.1, test: 0.1 }. */
  ratios: Record<string, number>;
  seed: number;
}

export interface SplitResult {
  splits: Record<string, DatasetRecord[]>;
  groups: number;
  composition: Record<string, Composition>;
}

/** The grouping key: explicit conversation or trace id, else the system prompt + first user turn. */
export function conversationKey(record: DatasetRecord): string {
  if (record.meta.conversationId !== undefined) return `conversation:${record.meta.conversationId}`;
  if (record.meta.traceId !== undefined) return `trace:${record.meta.traceId}`;
  const firstUser = record.messages.find((message) => message.role === "user");
  return `opening:${sha256Hex(firstUser ? firstUser.content : JSON.stringify(record.messages[0] ?? null)).slice(0, 24)}`;
}

export function splitRecords(records: DatasetRecord[], options: SplitOptions): SplitResult {
  const names = Object.keys(options.ratios);
  const ratioSum = names.reduce((sum, name) => sum + options.ratios[name]!, 0);
  if (names.length === 0 || !(ratioSum > 0)) throw new RangeError("split ratios must name at least one split with a positive share");
  const groups = new Map<string, DatasetRecord[]>();
  for (const record of records) {
    const key = conversationKey(record);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  // A group's stratum is its first row's category.
  const strata = new Map<RecordCategory, DatasetRecord[][]>();
  for (const group of groups.values()) {
    const category = categoryOf(group[0]!);
    strata.set(category, [...(strata.get(category) ?? []), group]);
  }
  const random = seededRandom(options.seed);
  const splits: Record<string, DatasetRecord[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const category of [...strata.keys()].sort()) {
    const stratum = shuffle(strata.get(category)!, random);
    const rows = stratum.reduce((sum, group) => sum + group.length, 0);
    const placed: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
    for (const group of stratum) {
      // The split furthest below its target share of this stratum takes the next group.
      const name = names.reduce((best, candidate) => {
        const deficit = (split: string) => (options.ratios[split]! / ratioSum) * rows - placed[split]!;
        return deficit(candidate) > deficit(best) ? candidate : best;
      }, names[0]!);
      placed[name]! += group.length;
      splits[name]!.push(...group);
    }
  }
  const order = new Map(records.map((record, index) => [record, index]));
  for (const name of names) {
    splits[name]!.sort((a, b) => order.get(a)! - order.get(b)!);
    for (const record of splits[name]!) record.meta.split = name;
  }
  return { splits, groups: groups.size, composition: Object.fromEntries(names.map((name) => [name, composition(splits[name]!)])) };
}
