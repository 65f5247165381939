// Capability areas for a catalogue that has none (an imported MCP server, a benchmark pool): deterministic text clustering.
import type { CapabilityArea } from "../tool/index.js";
import { toolDocumentTerms } from "./tool-document.js";
import type { RoutableTool } from "./types.js";

export interface DeriveAreasOptions {
  /** Areas to form. Default √(tools / 2), at least 2: about 10 areas for 200 tools, a menu a model reads at a glance. */
  count?: number;
  /** Rounds of k-means refinement at most. Default 25. */
  maxIterations?: number;
}

export interface DerivedAreas {
  /** Named after their strongest terms, described by their top terms and their most central tools. */
  areas: CapabilityArea[];
  /** Tool name → area name, for every tool. */
  assignment: Record<string, string>;
}

/**
 * Spherical k-means over TF-IDF vectors of the tool documents (name, description, parameters), seeded by
 * farthest-first traversal from the first tool. No randomness anywhere: the same catalogue in the same order
 * always yields the same areas, so benchmarks and routing decisions are reproducible.
 */
export function deriveAreas(tools: readonly RoutableTool[], options: DeriveAreasOptions = {}): DerivedAreas {
  const count = Math.min(tools.length, options.count ?? Math.max(2, Math.round(Math.sqrt(tools.length / 2))));
  if (tools.length === 0) return { areas: [], assignment: {} };
  const { vectors, vocabulary } = tfidfVectors(tools);

  const centres: Float64Array[] = [];
  const closest = new Float64Array(tools.length).fill(-Infinity);
  let next = 0;
  while (centres.length < count) {
    const centre = dense(vectors[next]!, vocabulary.length);
    centres.push(centre);
    let farthest = -1;
    let lowest = Infinity;
    vectors.forEach((vector, doc) => {
      closest[doc] = Math.max(closest[doc]!, similarity(vector, centre));
      if (closest[doc]! < lowest) {
        lowest = closest[doc]!;
        farthest = doc;
      }
    });
    next = farthest;
  }

  const assigned = new Int32Array(tools.length).fill(-1);
  for (let round = 0; round < (options.maxIterations ?? 25); round++) {
    let moved = 0;
    vectors.forEach((vector, doc) => {
      let best = 0;
      let bestScore = -Infinity;
      centres.forEach((centre, cluster) => {
        const score = similarity(vector, centre);
        if (score > bestScore) {
          bestScore = score;
          best = cluster;
        }
      });
      if (assigned[doc] !== best) moved++;
      assigned[doc] = best;
    });
    if (moved === 0) break;
    centres.forEach((centre, cluster) => {
      const sum = new Float64Array(vocabulary.length);
      let members = 0;
      vectors.forEach((vector, doc) => {
        if (assigned[doc] !== cluster) return;
        members++;
        for (const [term, weight] of vector) sum[term]! += weight;
      });
      // An emptied cluster keeps its old centre; it may win members back next round.
      if (members > 0) centre.set(normalise(sum));
    });
  }

  const areas: CapabilityArea[] = [];
  const assignment: Record<string, string> = {};
  const taken = new Set<string>();
  centres.forEach((centre, cluster) => {
    const members = tools.flatMap((tool, doc) => (assigned[doc] === cluster ? [{ tool, fit: similarity(vectors[doc]!, centre) }] : []));
    if (members.length === 0) return;
    const topTerms = [...centre.keys()].sort((a, b) => centre[b]! - centre[a]! || a - b).slice(0, 6).map((term) => vocabulary[term]!);
    let name = topTerms.slice(0, 2).join("-") || `area-${cluster + 1}`;
    if (taken.has(name)) name = `${name}-${cluster + 1}`;
    taken.add(name);
    const central = [...members].sort((a, b) => b.fit - a.fit).slice(0, 3).map((member) => member.tool.name);
    areas.push({ name, description: `Tools about ${topTerms.join(", ")}; e.g. ${central.join(", ")}.` });
    for (const member of members) assignment[member.tool.name] = name;
  });
  return { areas, assignment };
}

type SparseVector = Array<[term: number, weight: number]>;

function tfidfVectors(tools: readonly RoutableTool[]): { vectors: SparseVector[]; vocabulary: string[] } {
  const termIds = new Map<string, number>();
  const vocabulary: string[] = [];
  const counts = tools.map((tool) => {
    const tf = new Map<number, number>();
    for (const term of toolDocumentTerms(tool)) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        termIds.set(term, id);
        vocabulary.push(term);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Float64Array(vocabulary.length);
  for (const tf of counts) for (const term of tf.keys()) df[term]!++;
  const vectors = counts.map((tf) => {
    const vector: SparseVector = [...tf].map(([term, n]) => [term, (1 + Math.log(n)) * Math.log(tools.length / df[term]!)]);
    const norm = Math.sqrt(vector.reduce((sum, [, weight]) => sum + weight * weight, 0)) || 1;
    return vector.map(([term, weight]) => [term, weight / norm] as [number, number]).sort((a, b) => a[0] - b[0]);
  });
  return { vectors, vocabulary };
}

function dense(vector: SparseVector, size: number): Float64Array {
  const out = new Float64Array(size);
  for (const [term, weight] of vector) out[term] = weight;
  return out;
}

function similarity(vector: SparseVector, centre: Float64Array): number {
  let sum = 0;
  for (const [term, weight] of vector) sum += weight * centre[term]!;
  return sum;
}

function normalise(values: Float64Array): Float64Array {
  let norm = 0;
  for (const value of values) norm += value * value;
  if (norm === 0) return values;
  const scale = 1 / Math.sqrt(norm);
  return values.map((value) => value * scale);
}
