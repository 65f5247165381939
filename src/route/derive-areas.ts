// Capability areas for a catalogue that has none (an imported MCP server, a benchmark pool): deterministic text clustering.
import type { CapabilityArea } from "../tool/index.js";
import { toolDocumentTerms } from "./tool-document.js";
import type { RoutableTool } from "./types.js";

export interface DeriveAreasOptions {
  /** Areas to form. Default √(tools / 2), at least 2: about 10 areas for 200 tools, a menu a model reads at a glance. */
  count?: number;
  /** Rounds of whole-catalogue refinement after bisecting, at most. Default 5. */
  maxIterations?: number;
}

export interface DerivedAreas {
  /** Named after their strongest terms, described by their top terms and their most central tools. */
  areas: CapabilityArea[];
  /** Tool name → area name, for every tool. */
  assignment: Record<string, string>;
}

/**
 * Bisecting spherical k-means over TF-IDF vectors of the tool documents (name, description, parameters): the largest
 * cluster is split in two until there are `count`, then every tool moves to its nearest centre for a few rounds.
 * Splitting the largest keeps areas of comparable size (plain k-means seeded by far-apart tools leaves one giant
 * area and several singletons). No randomness anywhere: the same catalogue in the same order always yields the same
 * areas, so benchmarks and routing decisions are reproducible.
 */
export function deriveAreas(tools: readonly RoutableTool[], options: DeriveAreasOptions = {}): DerivedAreas {
  const count = Math.min(tools.length, options.count ?? Math.max(2, Math.round(Math.sqrt(tools.length / 2))));
  if (tools.length === 0) return { areas: [], assignment: {} };
  const { vectors, vocabulary, df } = tfidfVectors(tools);
  const width = vocabulary.length;

  let clusters: number[][] = [tools.map((_, doc) => doc)];
  const unsplittable = new Set<number[]>();
  while (clusters.length < count) {
    const largest = clusters.filter((cluster) => cluster.length > 1 && !unsplittable.has(cluster)).sort((a, b) => b.length - a.length)[0];
    if (!largest) break;
    const halves = splitInTwo(largest, vectors, width);
    if (!halves) {
      unsplittable.add(largest);
      continue;
    }
    clusters = [...clusters.filter((cluster) => cluster !== largest), ...halves];
  }

  const centres = clusters.map((cluster) => centroid(cluster, vectors, width));
  const assigned = new Int32Array(tools.length);
  clusters.forEach((cluster, index) => cluster.forEach((doc) => (assigned[doc] = index)));
  for (let round = 0; round < (options.maxIterations ?? 5); round++) {
    let moved = 0;
    vectors.forEach((vector, doc) => {
      const best = nearest(vector, centres);
      if (assigned[doc] !== best) moved++;
      assigned[doc] = best;
    });
    if (moved === 0) break;
    centres.forEach((centre, cluster) => {
      const members = tools.flatMap((_, doc) => (assigned[doc] === cluster ? [doc] : []));
      // An emptied cluster keeps its old centre; it may win members back next round.
      if (members.length > 0) centre.set(centroid(members, vectors, width));
    });
  }

  const areas: CapabilityArea[] = [];
  const assignment: Record<string, string> = {};
  const taken = new Set<string>();
  centres.forEach((centre, cluster) => {
    const members = tools.flatMap((tool, doc) => (assigned[doc] === cluster ? [{ tool, doc, fit: similarity(vectors[doc]!, centre) }] : []));
    if (members.length === 0) return;
    // A word many tools outside the area also use ("tool", "api", "get") does not tell this area apart: it helps the
    // clustering but not the name.
    const inside = new Map<number, number>();
    for (const member of members) for (const [term] of vectors[member.doc]!) inside.set(term, (inside.get(term) ?? 0) + 1);
    const outsideCount = tools.length - members.length;
    const distinctive = (term: number) => df[term]! - (inside.get(term) ?? 0) <= Math.max(1, outsideCount / 10);
    const topTerms = [...centre.keys()].filter((term) => centre[term]! > 0 && distinctive(term)).sort((a, b) => centre[b]! - centre[a]! || a - b).slice(0, 6).map((term) => vocabulary[term]!);
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

/** 2-means inside one cluster, seeded by its least typical member and the member least like that one; null if it will not split. */
function splitInTwo(members: readonly number[], vectors: readonly SparseVector[], width: number): [number[], number[]] | null {
  const whole = centroid(members, vectors, width);
  const first = argmin(members, (doc) => similarity(vectors[doc]!, whole));
  const firstCentre = dense(vectors[first]!, width);
  const second = argmin(members, (doc) => similarity(vectors[doc]!, firstCentre));
  if (first === second) return null;
  const centres = [firstCentre, dense(vectors[second]!, width)];
  let sides: [number[], number[]] = [[], []];
  for (let round = 0; round < 10; round++) {
    const next: [number[], number[]] = [[], []];
    for (const doc of members) next[nearest(vectors[doc]!, centres)]!.push(doc);
    if (next[0].length === 0 || next[1].length === 0) return null;
    const stable = next[0].length === sides[0].length && next[0].every((doc, index) => doc === sides[0][index]);
    sides = next;
    if (stable) break;
    centres[0] = centroid(sides[0], vectors, width);
    centres[1] = centroid(sides[1], vectors, width);
  }
  return sides;
}

function centroid(members: readonly number[], vectors: readonly SparseVector[], width: number): Float64Array {
  const sum = new Float64Array(width);
  for (const doc of members) for (const [term, weight] of vectors[doc]!) sum[term]! += weight;
  return normalise(sum);
}

function nearest(vector: SparseVector, centres: readonly Float64Array[]): number {
  let best = 0;
  let bestScore = -Infinity;
  centres.forEach((centre, index) => {
    const score = similarity(vector, centre);
    if (score > bestScore) {
      bestScore = score;
      best = index;
    }
  });
  return best;
}

/** The member with the lowest value; ties go to the earliest. */
function argmin(members: readonly number[], value: (doc: number) => number): number {
  let best = members[0]!;
  let lowest = Infinity;
  for (const doc of members) {
    const current = value(doc);
    if (current < lowest) {
      lowest = current;
      best = doc;
    }
  }
  return best;
}

function tfidfVectors(tools: readonly RoutableTool[]): { vectors: SparseVector[]; vocabulary: string[]; df: Float64Array } {
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
  return { vectors, vocabulary, df };
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
