// One search over either store: the lexical list, the vector list, or both fused by reciprocal rank. The store supplies
// the two lists (each already filtered by access) and turns the winning keys into rows.
import { RagStoreError } from "./errors.js";
import { reciprocalRankFusion } from "./rank-fusion.js";
import type { RagSearchOptions, RetrievalMode } from "./rag-store.js";

export interface RankedKey {
  key: number;
  score: number;
  ranks?: { lexical?: number; vector?: number };
}

export interface RankingLists {
  lexical(depth: number): Promise<RankedKey[]>;
  /** Undefined when the store holds no vectors. */
  vector(query: Float32Array, depth: number): Promise<RankedKey[]> | undefined;
  displayUrl: string;
}

function searchModeOf(options: RagSearchOptions): RetrievalMode {
  const mode = options.mode ?? "lexical";
  if (mode !== "lexical" && mode !== "vector" && mode !== "hybrid") throw new RagStoreError(`search mode must be lexical, vector or hybrid, got ${JSON.stringify(mode)}`);
  if (mode !== "lexical" && !options.queryVector) throw new RagStoreError(`${mode} search needs the query's vector: search through searchDocuments with an embedding model, or pass queryVector`);
  return mode;
}

export async function rankKeys(lists: RankingLists, options: RagSearchOptions): Promise<RankedKey[]> {
  const mode = searchModeOf(options);
  const k = options.k ?? 10;
  if (k <= 0) return [];
  if (mode === "lexical") return lists.lexical(k);
  const depth = mode === "vector" ? k : Math.max(options.candidates ?? Math.max(50, 5 * k), k);
  const vector = lists.vector(options.queryVector!, depth);
  if (!vector) throw new RagStoreError(`${lists.displayUrl} holds no vectors: ingest with an embedding model first (\`toolgate rag ingest <files> --embed <model spec>\`)`);
  if (mode === "vector") return vector;
  const [lexicalList, vectorList] = await Promise.all([lists.lexical(depth), vector]);
  return reciprocalRankFusion({ lexical: lexicalList.map((hit) => hit.key), vector: vectorList.map((hit) => hit.key) }, { limit: k });
}
