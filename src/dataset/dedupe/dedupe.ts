// Finds duplicates among records: exact (canonical hash of what a trainer sees), near (MinHash/LSH over user turns and
// call signature, confirmed by exact Jaccard of the shingles), and growing prefixes of one conversation. Each cluster
// keeps one row by a stated rule; every removed row names the row it duplicates.
import { sha256Hex } from "../../record/index.js";
import type { DatasetRecord } from "../record.js";
import { contentKey } from "../export/round-trip.js";
import { LshIndex, MinHasher } from "./minhash.js";
import { comparisonText, jaccard, shingles, wordTokens } from "./text-features.js";

export interface DedupeOptions {
  /** Jaccard similarity at or above which two rows are near-duplicates (default 0.8). */
  threshold?: number;
  /** Word n-gram size for shingles (default 3). */
  shingleSize?: number;
  permutations?: number;
  bands?: number;
  /** Also drop rows that are a leading part of a longer row of the same conversation (default true). */
  prefixes?: boolean;
}

type DuplicateReason = "exact" | "near" | "prefix";

interface RemovedRow {
  id: string;
  keptId: string;
  reason: DuplicateReason;
  similarity: number;
}

export interface DedupeReport {
  rows: number;
  kept: number;
  removed: RemovedRow[];
  clusters: { keptId: string; reason: DuplicateReason; members: string[] }[];
  rule: string;
}

const keepRule = "exact: the first row in input order; near: the row with the most messages (then the earliest); prefix: the longest row of the conversation";

interface RowState {
  id: string;
  index: number;
  messages: number;
  shingles: Uint32Array;
  messageHashes: string[];
}

/** Union-find over row indexes. */
class Clusters {
  private readonly parent: number[] = [];
  add(index: number): void {
    this.parent[index] = index;
  }
  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[index] !== root) {
      const next = this.parent[index]!;
      this.parent[index] = root;
      index = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/**
 * One pass over the records keeping only small per-row state (hash, shingles, signature bands), then clustering.
 * Returns which ids to drop; `applyDedupe` streams the records again and leaves those out.
 */
export async function findDuplicates(records: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>, options: DedupeOptions = {}): Promise<DedupeReport> {
  const threshold = options.threshold ?? 0.8;
  const hasher = new MinHasher(options.permutations ?? 128);
  const bands = options.bands ?? 32;
  const lsh = new LshIndex(bands, hasher.permutations / bands);
  const exactFirst = new Map<string, number>();
  const rows: RowState[] = [];
  const removed: RemovedRow[] = [];
  const exactRemoved = new Set<number>();
  const near = new Clusters();
  const nearSimilarity = new Map<number, number>();
  const prefixByOpening = new Map<string, number[]>();

  for await (const record of records) {
    const index = rows.length;
    const digest = sha256Hex(contentKey(record));
    const messageHashes = options.prefixes === false ? [] : record.messages.map((message) => sha256Hex(JSON.stringify(message)).slice(0, 16));
    const state: RowState = { id: record.meta.id, index, messages: record.messages.length, shingles: shingles(wordTokens(comparisonText(record)), options.shingleSize ?? 3), messageHashes };
    rows.push(state);
    near.add(index);
    const first = exactFirst.get(digest);
    if (first !== undefined) {
      exactRemoved.add(index);
      removed.push({ id: state.id, keptId: rows[first]!.id, reason: "exact", similarity: 1 });
      continue;
    }
    exactFirst.set(digest, index);
    for (const candidate of lsh.add(index, hasher.signature(state.shingles))) {
      if (exactRemoved.has(candidate)) continue;
      const similarity = jaccard(state.shingles, rows[candidate]!.shingles);
      if (similarity >= threshold) {
        near.union(index, candidate);
        nearSimilarity.set(index, Math.max(nearSimilarity.get(index) ?? 0, similarity));
        nearSimilarity.set(candidate, Math.max(nearSimilarity.get(candidate) ?? 0, similarity));
      }
    }
    if (options.prefixes !== false) {
      const opening = messageHashes.slice(0, 2).join(":");
      const list = prefixByOpening.get(opening) ?? [];
      list.push(index);
      prefixByOpening.set(opening, list);
    }
  }

  const clusters: DedupeReport["clusters"] = [];
  const dropped = new Set<number>(exactRemoved);
  // Near-duplicate clusters: keep the row with the most messages, then the earliest.
  const groups = new Map<number, number[]>();
  for (const row of rows) {
    if (exactRemoved.has(row.index)) continue;
    const root = near.find(row.index);
    const group = groups.get(root) ?? [];
    group.push(row.index);
    groups.set(root, group);
  }
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const keep = members.reduce((best, candidate) => (rows[candidate]!.messages > rows[best]!.messages ? candidate : best), members[0]!);
    clusters.push({ keptId: rows[keep]!.id, reason: "near", members: members.map((member) => rows[member]!.id) });
    for (const member of members) {
      if (member === keep) continue;
      dropped.add(member);
      removed.push({ id: rows[member]!.id, keptId: rows[keep]!.id, reason: "near", similarity: Math.round(jaccard(rows[member]!.shingles, rows[keep]!.shingles) * 1000) / 1000 });
    }
  }
  // Growing prefixes: a row whose messages all lead a longer row of the same opening is that conversation, cut short.
  for (const list of prefixByOpening.values()) {
    if (list.length < 2) continue;
    const alive = list.filter((index) => !dropped.has(index)).sort((a, b) => rows[b]!.messages - rows[a]!.messages || a - b);
    const members = new Map<number, number[]>();
    for (const index of alive) {
      const short = rows[index]!;
      const longer = alive.find((other) => other !== index && rows[other]!.messages > short.messages && !dropped.has(other) && short.messageHashes.every((hash, at) => rows[other]!.messageHashes[at] === hash));
      if (longer === undefined) continue;
      dropped.add(index);
      removed.push({ id: short.id, keptId: rows[longer]!.id, reason: "prefix", similarity: short.messages / rows[longer]!.messages });
      const group = members.get(longer) ?? [longer];
      group.push(index);
      members.set(longer, group);
    }
    for (const [keep, group] of members) clusters.push({ keptId: rows[keep]!.id, reason: "prefix", members: group.map((member) => rows[member]!.id) });
  }
  for (const entry of removed.filter((row) => row.reason === "exact")) {
    const cluster = clusters.find((candidate) => candidate.reason === "exact" && candidate.keptId === entry.keptId);
    if (cluster) cluster.members.push(entry.id);
    else clusters.push({ keptId: entry.keptId, reason: "exact", members: [entry.keptId, entry.id] });
  }
  return { rows: rows.length, kept: rows.length - dropped.size, removed, clusters, rule: keepRule };
}

/** The records without the removed ones, in input order. */
export async function* applyDedupe(records: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>, report: DedupeReport): AsyncGenerator<DatasetRecord> {
  const drop = new Set(report.removed.map((row) => row.id));
  for await (const record of records) if (!drop.has(record.meta.id)) yield record;
}
