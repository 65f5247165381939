// Overlap of training rows with evaluation sets (BFCL questions, eval cases, a held-back split): the 13-gram rule of
// LLM decontamination (any shared 13-gram of user text, or the whole text when it is shorter) and MinHash similarity
// of the user turns. Leaking rows are removed and listed with the eval item they match.
import type { DatasetRecord } from "../record.js";
import { LshIndex, MinHasher } from "./minhash.js";
import { hash32, jaccard, shingles, wordTokens } from "./text-features.js";

export interface LeakageOptions {
  /** n-gram length (default 13). */
  ngram?: number;
  /** Jaccard similarity of user-turn shingles at or above which a row leaks (default 0.8). */
  threshold?: number;
}

export interface EvalItem {
  id: string;
  /** Which evaluation set it belongs to (file or name). */
  set: string;
  text: string;
}

export interface LeakingRow {
  id: string;
  evalId: string;
  evalSet: string;
  rule: "13-gram" | "minhash";
  similarity: number;
}

export interface LeakageReport {
  rows: number;
  leaking: LeakingRow[];
  evalItems: number;
  bySet: Record<string, number>;
}

/** The user turns of a row: what an evaluation question would reappear as. */
export function userText(record: Pick<DatasetRecord, "messages">): string {
  return record.messages.filter((message) => message.role === "user").map((message) => message.content).join("\n");
}

function ngramKeys(tokens: readonly string[], n: number): number[] {
  if (tokens.length === 0) return [];
  // Short texts: the whole text is the key (a 5-word question cannot share a 13-gram with anything).
  if (tokens.length < n) return [hash32(`#${tokens.join(" ")}`)];
  const keys: number[] = [];
  for (let index = 0; index + n <= tokens.length; index += 1) keys.push(hash32(tokens.slice(index, index + n).join(" ")));
  return keys;
}

export class LeakageIndex {
  private readonly ngrams = new Map<number, number>();
  private readonly items: { item: EvalItem; shingles: Uint32Array; short: boolean }[] = [];
  private readonly hasher = new MinHasher(128);
  private readonly lsh = new LshIndex(32, 4);
  readonly n: number;
  readonly threshold: number;

  constructor(options: LeakageOptions = {}) {
    this.n = options.ngram ?? 13;
    this.threshold = options.threshold ?? 0.8;
  }

  get size(): number {
    return this.items.length;
  }

  add(item: EvalItem): void {
    const tokens = wordTokens(item.text);
    if (tokens.length === 0) return;
    const index = this.items.length;
    const itemShingles = shingles(tokens, 3);
    this.items.push({ item, shingles: itemShingles, short: tokens.length < this.n });
    for (const key of ngramKeys(tokens, this.n)) if (!this.ngrams.has(key)) this.ngrams.set(key, index);
    this.lsh.add(index, this.hasher.signature(itemShingles));
  }

  /** The first eval item a training row leaks, by 13-gram (or whole short text), then by MinHash similarity. */
  match(record: Pick<DatasetRecord, "messages">): Omit<LeakingRow, "id"> | undefined {
    const tokens = wordTokens(userText(record));
    if (tokens.length === 0) return undefined;
    for (const key of ngramKeys(tokens, this.n)) {
      const hit = this.ngrams.get(key);
      if (hit !== undefined) return { evalId: this.items[hit]!.item.id, evalSet: this.items[hit]!.item.set, rule: "13-gram", similarity: 1 };
    }
    const rowShingles = shingles(tokens, 3);
    let best: Omit<LeakingRow, "id"> | undefined;
    for (const candidate of this.lsh.candidates(this.hasher.signature(rowShingles))) {
      const similarity = jaccard(rowShingles, this.items[candidate]!.shingles);
      if (similarity >= this.threshold && (!best || similarity > best.similarity)) best = { evalId: this.items[candidate]!.item.id, evalSet: this.items[candidate]!.item.set, rule: "minhash", similarity: Math.round(similarity * 1000) / 1000 };
    }
    return best;
  }
}

/** Checks every row; returns the report and (through `keep`) only the rows that do not leak. */
export async function checkLeakage(records: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>, index: LeakageIndex, keep?: (record: DatasetRecord) => Promise<void> | void): Promise<LeakageReport> {
  const report: LeakageReport = { rows: 0, leaking: [], evalItems: index.size, bySet: {} };
  for await (const record of records) {
    report.rows += 1;
    const hit = index.match(record);
    if (hit) {
      report.leaking.push({ id: record.meta.id, ...hit });
      report.bySet[hit.evalSet] = (report.bySet[hit.evalSet] ?? 0) + 1;
    } else {
      await keep?.(record);
    }
  }
  return report;
}
