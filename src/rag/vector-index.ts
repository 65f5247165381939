// Chunk vectors in HNSW graphs (usearch), one graph per distinct set of access labels. A search walks only the graphs
// whose labels the caller may read, so a document the principal may not read is never a candidate: the access filter
// runs before ranking, as in the lexical index, and a graph walk cannot be cut short by unreadable neighbours.
import { Index, MetricKind, ScalarKind } from "usearch";
import { mayRead } from "./access.js";
import { RagStoreError } from "./errors.js";
import { dot, unitVector } from "./unit-vector.js";

interface VectorHit {
  /** The key the vector was added under (the chunk's row id). */
  key: number;
  /** Cosine similarity, 1 for the same direction. */
  score: number;
}

export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  add(key: number, vector: Float32Array, access: readonly string[]): void;
  /** False when the key is not in the index. */
  remove(key: number): boolean;
  has(key: number): boolean;
  /** The `k` nearest vectors among documents whose labels intersect `readable`, most similar first, ties by key. */
  search(vector: Float32Array, k: number, readable: ReadonlySet<string>): VectorHit[];
}

interface Partition {
  labels: string[];
  graph: Index;
  size: number;
}

/**
 * Below this many vectors a partition is searched exhaustively (exact cosine) instead of through its graph: small
 * label sets are common (one team's folder) and exact search there is both cheaper and free of HNSW's recall loss.
 */
const exactBelow = 2_000;

export function createVectorIndex(dimensions: number): VectorIndex {
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw new RagStoreError(`vector index: dimensions must be a positive integer, got ${dimensions}`);
  const partitions = new Map<string, Partition>();
  const partitionOf = new Map<number, Partition>();
  // The vectors themselves, unit length, for exact search in small partitions and for removal bookkeeping.
  const vectors = new Map<number, Float32Array>();
  const members = new Map<Partition, Set<number>>();

  const partitionFor = (access: readonly string[]): Partition => {
    const labels = [...new Set(access)].sort();
    const name = JSON.stringify(labels);
    let partition = partitions.get(name);
    if (!partition) {
      // Connectivity 16 and expansion 64/128: usearch's defaults are tuned for millions of vectors; these keep recall
      // high at the tens of thousands of chunks a document store holds.
      partition = { labels, graph: new Index({ dimensions, metric: MetricKind.Cos, quantization: ScalarKind.F32, connectivity: 16, expansion_add: 128, expansion_search: 64, multi: false }), size: 0 };
      partitions.set(name, partition);
      members.set(partition, new Set());
    }
    return partition;
  };

  return {
    dimensions,
    get size() {
      return vectors.size;
    },
    add(key, vector, access) {
      if (vector.length !== dimensions) throw new RagStoreError(`vector index: chunk ${key} has ${vector.length} dimensions, the index ${dimensions}; one embedding model per store`);
      if (vectors.has(key)) this.remove(key);
      const unit = unitVector(vector);
      const partition = partitionFor(access);
      partition.graph.add(BigInt(key), unit);
      partition.size++;
      partitionOf.set(key, partition);
      members.get(partition)!.add(key);
      vectors.set(key, unit);
    },
    remove(key) {
      const partition = partitionOf.get(key);
      if (!partition) return false;
      partition.graph.remove(BigInt(key));
      partition.size--;
      partitionOf.delete(key);
      members.get(partition)!.delete(key);
      vectors.delete(key);
      return true;
    },
    has: (key) => vectors.has(key),
    search(vector, k, readable) {
      if (vector.length !== dimensions) throw new RagStoreError(`vector search: the query vector has ${vector.length} dimensions, the stored vectors ${dimensions}; embed the query with the model the documents were embedded with`);
      if (k <= 0) return [];
      const query = unitVector(vector);
      const hits: VectorHit[] = [];
      for (const partition of partitions.values()) {
        if (partition.size === 0 || !mayRead(partition.labels, readable)) continue;
        if (partition.size < exactBelow) {
          for (const key of members.get(partition)!) hits.push({ key, score: dot(query, vectors.get(key)!) });
          continue;
        }
        const found = partition.graph.search(query, Math.min(k, partition.size), 0);
        for (let at = 0; at < found.keys.length; at++) hits.push({ key: Number(found.keys[at]!), score: 1 - found.distances[at]! });
      }
      return hits.sort((a, b) => b.score - a.score || a.key - b.key).slice(0, k);
    },
  };
}

/** A vector as stored in a database column: little-endian float32 bytes. */
export function vectorToBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function vectorFromBytes(bytes: Uint8Array): Float32Array {
  // Copied: a database driver may reuse or share the buffer it handed out.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
