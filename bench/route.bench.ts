// bench:route — tool selection at scale: recall@k on MetaTool and a pooled BFCL catalogue, routing latency and memory, and a catalogue-size sweep.
//
//   npm run bench:route                               MetaTool, BFCL pool, latency (flat BM25 is the baseline in every table)
//   npm run bench:route -- --sweep --model <spec>     selection accuracy, flat vs two-stage, 5 → 500 tools, with a real model
//   npm run bench:route -- --sweep --model scripted   the same plumbing with a scripted lexical "model" (its numbers say
//                                                     nothing about model quality: it picks by word overlap)
//   add --json for one JSON object on the last line.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { runAgent } from "../src/agent/index.js";
import type { ModelAdapter, ModelRequest, ModelResponse } from "../src/model/index.js";
import { emptyUsage, type JsonSchema } from "../src/record/index.js";
import { createModel } from "../src/model/index.js";
import type { QueryTerms, RankedTool, Router, RoutableTool, ToolIndex } from "../src/route/index.js";
import {
  createAreaIndex,
  createRouter,
  createToolIndex,
  deriveAreas,
  enrichFromCases,
  pickAreasByRetrieval,
  selectAreasName,
  splitCases,
  tokenize,
  weighQuery,
} from "../src/route/index.js";
import { sharedPath } from "../src/test-support/shared-data.js";
import type { CapabilityArea, ToolDefinition, ToolRegistry } from "../src/tool/index.js";
import { createToolRegistry } from "../src/tool/index.js";

const argv = process.argv.slice(2);
const json = argv.includes("--json");
const sweepMode = argv.includes("--sweep");
const flagValue = (flag: string) => {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
};
const print = (line = "") => {
  if (!json) console.log(line);
};
const ks = [1, 5, 10] as const;
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const query = (text: string): QueryTerms => weighQuery([{ terms: tokenize(text), weight: 1 }]);

// ---------------------------------------------------------------------------------------------------------------
// Data loading
// ---------------------------------------------------------------------------------------------------------------

interface BfclFunction {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

interface PoolEntry extends RoutableTool {
  /** Unique within the pool: BFCL reuses a name with different descriptions. */
  id: string;
  fn: BfclFunction;
}

interface BfclCase {
  id: string;
  category: string;
  question: string;
  goldName: string;
  /** The pool id of the gold function as the question itself defines it. */
  goldId: string;
  functions: BfclFunction[];
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

function loadMetaTool() {
  const root = sharedPath("data", "toolsel", "metatool", "dataset");
  const descriptions = JSON.parse(readFileSync(join(root, "plugin_des.json"), "utf8")) as Record<string, string>;
  const tools: RoutableTool[] = Object.entries(descriptions).map(([name, description]) => ({ name, description }));
  const rows = parseCsv(readFileSync(join(root, "data", "all_clean_data.csv"), "utf8"));
  const cases = rows.slice(1).filter((row) => row.length === 2 && row[0]!.trim() !== "").map(([text, tool]) => ({ query: text!, tool: tool! }));
  const multi = JSON.parse(readFileSync(join(root, "data", "multi_tool_query_golden.json"), "utf8")) as Array<{ query: string; tool: string[] }>;
  const scenarioDir = join(root, "scenario");
  const scenarios = readdirSync(scenarioDir).map((file) => (JSON.parse(readFileSync(join(scenarioDir, file), "utf8")) as { Tools: string[] }).Tools);
  return { tools, cases, multi, scenarios };
}

function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** Every BFCL function definition (question files and the multi-turn API docs), deduplicated by name and description. */
function loadBfclPool(): { pool: PoolEntry[]; byKey: Map<string, PoolEntry>; cases: BfclCase[] } {
  const root = sharedPath("data", "bfcl");
  const byKey = new Map<string, PoolEntry>();
  const nameCount = new Map<string, number>();
  const add = (fn: BfclFunction): PoolEntry => {
    const key = `${fn.name}\u0000${fn.description ?? ""}`;
    let entry = byKey.get(key);
    if (!entry) {
      const seen = nameCount.get(fn.name) ?? 0;
      nameCount.set(fn.name, seen + 1);
      entry = { id: seen === 0 ? fn.name : `${fn.name}#${seen + 1}`, name: fn.name, description: fn.description ?? "", inputSchema: fn.parameters, fn };
      byKey.set(key, entry);
    }
    return entry;
  };
  const questionFiles = readdirSync(root).filter((file) => /^BFCL_v4_.*\.json$/.test(file) && file !== "BFCL_v4_format_sensitivity.json").sort();
  const cases: BfclCase[] = [];
  for (const file of questionFiles) {
    const category = file.slice("BFCL_v4_".length, -".json".length);
    const entries = readJsonLines<{ id: string; question: Array<Array<{ role: string; content: string }>>; function?: BfclFunction[] }>(join(root, file));
    const answers = category === "simple_python" || category === "multiple"
      ? new Map(readJsonLines<{ id: string; ground_truth: Array<Record<string, unknown>> }>(join(root, "possible_answer", file)).map((answer) => [answer.id, answer]))
      : undefined;
    for (const entry of entries) {
      for (const fn of entry.function ?? []) add(fn);
      const answer = answers?.get(entry.id);
      if (!answer) continue;
      const goldName = Object.keys(answer.ground_truth[0]!)[0]!;
      const gold = entry.function!.find((fn) => fn.name === goldName)!;
      const question = entry.question[0]!.filter((message) => message.role === "user").at(-1)!.content;
      cases.push({ id: entry.id, category, question, goldName, goldId: add(gold).id, functions: entry.function! });
    }
  }
  const docs = join(root, "multi_turn_func_doc");
  for (const file of readdirSync(docs).sort()) for (const fn of readJsonLines<BfclFunction>(join(docs, file))) add(fn);
  return { pool: [...byKey.values()], byKey, cases };
}

// ---------------------------------------------------------------------------------------------------------------
// Recall helpers
// ---------------------------------------------------------------------------------------------------------------

interface RecallRow {
  method: string;
  queries: number;
  recall: Record<string, number>;
  extra?: Record<string, number | string>;
}

function recallOf(method: string, rankings: Array<{ ranked: readonly string[]; gold: string }>, extra?: RecallRow["extra"]): RecallRow {
  const recall: Record<string, number> = {};
  for (const k of ks) recall[`@${k}`] = round(rankings.filter(({ ranked, gold }) => ranked.slice(0, k).includes(gold)).length / rankings.length);
  return { method, queries: rankings.length, recall, ...(extra ? { extra } : {}) };
}

function printRecallTable(title: string, rows: RecallRow[]): void {
  print(title);
  print("");
  print("| method | queries | recall@1 | recall@5 | recall@10 | notes |");
  print("|---|---:|---:|---:|---:|---|");
  for (const row of rows) {
    const notes = row.extra ? Object.entries(row.extra).map(([key, value]) => `${key} ${value}`).join(", ") : "";
    print(`| ${row.method} | ${row.queries} | ${row.recall["@1"]} | ${row.recall["@5"]} | ${row.recall["@10"]} | ${notes} |`);
  }
  print("");
}

/**
 * Area-first retrieval: BM25 picks `maxAreas` areas from area documents, then BM25 ranks only those areas' tools
 * (the same picker the two-stage router uses with picker "bm25"). An unsure pick falls back to flat ranking, as the
 * router does. Returns the ranking and whether the gold tool's area was picked.
 */
function areaFirstRanking<T extends RoutableTool & { area: string }>(
  index: ToolIndex<T>,
  areaIndex: ReturnType<typeof createAreaIndex>,
  terms: QueryTerms,
  maxAreas: number,
  idOf: (tool: T) => string,
): { ranked: string[]; areas: string[] | undefined } {
  const pick = pickAreasByRetrieval(areaIndex, terms, maxAreas);
  const ranked: RankedTool<T>[] = pick.status === "picked" ? index.rank(terms, 10, (tool) => pick.areas.includes(tool.area)) : index.rank(terms, 10);
  return { ranked: ranked.map((hit) => idOf(hit.tool)), areas: pick.status === "picked" ? pick.areas : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// Catalogue helpers (the sweep and latency need real registries)
// ---------------------------------------------------------------------------------------------------------------

const jsonTypes: Record<string, string> = { dict: "object", object: "object", float: "number", number: "number", integer: "integer", string: "string", boolean: "boolean", array: "array", tuple: "array" };

/** BFCL's parameter dialect ("dict", "float", "tuple", "any", Java type names) to the JSON Schema the registry compiles. */
function bfclToJsonSchema(node: unknown, top = true): JsonSchema {
  const source = typeof node === "object" && node !== null ? (node as Record<string, unknown>) : {};
  const out: JsonSchema = {};
  const type = typeof source.type === "string" ? jsonTypes[source.type] : undefined;
  if (top) out.type = "object";
  else if (type) out.type = type;
  if (typeof source.description === "string") out.description = source.description;
  if (Array.isArray(source.enum)) out.enum = source.enum;
  if (typeof source.properties === "object" && source.properties !== null) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, child] of Object.entries(source.properties as Record<string, unknown>)) properties[name] = bfclToJsonSchema(child, false);
    out.properties = properties;
    if (Array.isArray(source.required)) out.required = (source.required as unknown[]).filter((name): name is string => typeof name === "string" && name in properties);
  }
  if (typeof source.items === "object" && source.items !== null) out.items = bfclToJsonSchema(source.items, false);
  return out;
}

function definitionOf(entry: { name: string; description: string; fn: BfclFunction }, area: string): ToolDefinition {
  return { name: entry.name, description: entry.description || entry.name, area, risk: "read", input: bfclToJsonSchema(entry.fn.parameters ?? {}), execute: () => null };
}

/** A stable pseudo-random order keyed by text: FNV-1a, enough to spread distractors and positions deterministically. */
function hashOf(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}

function deterministicOrder<T>(items: readonly T[], key: (item: T) => string, salt: string): T[] {
  return [...items].sort((a, b) => hashOf(`${salt}|${key(a)}`) - hashOf(`${salt}|${key(b)}`));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const gc = (globalThis as { gc?: () => void }).gc;
/** Heap plus ArrayBuffer memory: the BM25 postings live in typed arrays, whose backing stores are outside the JS heap. */
function memoryUsed(): number {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Bytes per tool of what `build` returns; the results are kept alive until measured so nothing is freed mid-measurement. */
function bytesPerTool(build: () => unknown, tools: number, copies: number, keep: unknown[]): number {
  const before = memoryUsed();
  for (let copy = 0; copy < copies; copy++) keep.push(build());
  return Math.round((memoryUsed() - before) / copies / tools);
}

// ---------------------------------------------------------------------------------------------------------------
// 1. MetaTool
// ---------------------------------------------------------------------------------------------------------------

/** (maxAreas, areaScoreRatio) pairs the area-count sweep reports beside the default. */
const areaCountSweep: Array<[number, number]> = [
  [3, 0.3],
  [3, 0.7],
  [4, 0.5],
];

function metaToolBench() {
  const { tools, cases, multi, scenarios } = loadMetaTool();
  const { train, heldOut } = splitCases(cases, { key: (item) => item.query, heldOut: 0.2, salt: "metatool" });
  const trainQueries = new Set(train.map((item) => item.query));
  const leaks = heldOut.filter((item) => trainQueries.has(item.query)).length;
  const enriched = enrichFromCases(train);
  const enrichedCapped = enrichFromCases(train, { maxPerTool: 20 });

  const flat = createToolIndex(tools);
  const flatEnriched = createToolIndex(tools, { examples: enriched });
  const flatEnrichedCapped = createToolIndex(tools, { examples: enrichedCapped });
  const rankWith = (index: ToolIndex) => heldOut.map((item) => ({ ranked: index.rank(query(item.query), 10).map((hit) => hit.tool.name), gold: item.tool }));

  // MetaTool ships no tool categories: its scenario lists (personas, top-k popularity) overlap and cover only part
  // of the catalogue, so areas are derived by clustering the descriptions (deriveAreas: bisecting spherical k-means over TF-IDF).
  const scenarioCoverage = new Set(scenarios.flat().filter((name) => tools.some((tool) => tool.name === name))).size;
  const derived = deriveAreas(tools);
  const withAreas = tools.map((tool) => ({ ...tool, area: derived.assignment[tool.name]! }));
  const areaOf = new Map(withAreas.map((tool) => [tool.name, tool.area]));
  const areaRows = (examples: typeof enriched | undefined, maxAreas: number, label: string) => {
    const index = createToolIndex(withAreas, { examples });
    const areaIndex = createAreaIndex(derived.areas, withAreas, { examples });
    let areaHits = 0;
    const rankings = heldOut.map((item) => {
      const result = areaFirstRanking(index, areaIndex, query(item.query), maxAreas, (tool) => tool.name);
      if (result.areas?.includes(areaOf.get(item.tool)!)) areaHits++;
      return { ranked: result.ranked, gold: item.tool };
    });
    return recallOf(label, rankings, { "gold area picked": round(areaHits / heldOut.length) });
  };

  // The shipped two-stage and hybrid routers (picker bm25, no model) over a registry of the same tools: they expose a
  // set, so the metric is "gold tool exposed" and the set size.
  const registry = createToolRegistry({
    tools: withAreas.map((tool) => ({ name: tool.name, description: tool.description, area: tool.area, risk: "read" as const, input: { type: "object" }, execute: () => null })),
    areas: derived.areas,
  });
  const routerExposure = async (label: string, router: Router) => {
    let exposedGold = 0;
    let exposedTotal = 0;
    let fallbacks = 0;
    let areasPicked = 0;
    for (const item of heldOut) {
      const { tools: exposed, routing } = await router({ step: 0, messages: [{ role: "user", content: item.query }], registry, signal: new AbortController().signal });
      const names = exposed.tools.map((tool) => tool.name);
      if (names.includes(item.tool)) exposedGold++;
      exposedTotal += names.filter((name) => name !== "search_tools").length;
      if (routing.reason?.includes("fell back")) fallbacks++;
      areasPicked += routing.areas?.length ?? 0;
    }
    return { router: label, queries: heldOut.length, goldExposed: round(exposedGold / heldOut.length), meanExposed: round(exposedTotal / heldOut.length, 1), meanAreas: round(areasPicked / heldOut.length, 2), fallbacks };
  };

  const multiRecall = (k: number) => round(multi.reduce((sum, item) => {
    const ranked = flat.rank(query(item.query), k).map((hit) => hit.tool.name);
    return sum + item.tool.filter((tool) => ranked.includes(tool)).length / item.tool.length;
  }, 0) / multi.length);

  return {
    tools: tools.length,
    queries: cases.length,
    train: train.length,
    heldOut: heldOut.length,
    heldOutQueriesAlsoInTrain: leaks,
    areas: { count: derived.areas.length, method: "deriveAreas (bisecting spherical k-means over TF-IDF of name, description, parameters)", scenarioCoverage, names: derived.areas.map((area) => area.name) },
    rows: [
      recallOf("BM25 (descriptions)", rankWith(flat)),
      recallOf("BM25 + enriched (all train examples, the default)", rankWith(flatEnriched)),
      recallOf("BM25 + enriched (≤ 20 train examples per tool)", rankWith(flatEnrichedCapped)),
      areaRows(undefined, 2, "area-first BM25 (2 of 10 derived areas)"),
      areaRows(undefined, 3, "area-first BM25 (3 of 10 derived areas)"),
      areaRows(enriched, 2, `area-first BM25 + enriched (2 areas)`),
    ],
    multiTool: { queries: multi.length, meanGoldFractionAt5: multiRecall(5), meanGoldFractionAt10: multiRecall(10) },
    routerExposurePromise: Promise.all([
      // Before: a fixed two areas per request (ratio 0 = always maxAreas). After: up to 3, while within a ratio of the best.
      routerExposure("two-stage, fixed 2 areas (before)", createRouter({ router: "two-stage", picker: "bm25", maxAreas: 2, areaScoreRatio: 0, searchTool: false })),
      routerExposure("two-stage + enriched, fixed 2 areas (before)", createRouter({ router: "two-stage", picker: "bm25", maxAreas: 2, areaScoreRatio: 0, searchTool: false }, { examples: enriched })),
      routerExposure("two-stage, ≤ 3 areas within 0.5 of the best (default)", createRouter({ router: "two-stage", picker: "bm25", searchTool: false })),
      routerExposure("two-stage + enriched, ≤ 3 areas within 0.5 of the best (default)", createRouter({ router: "two-stage", picker: "bm25", searchTool: false }, { examples: enriched })),
      ...areaCountSweep.map(([maxAreas, ratio]) =>
        routerExposure(`two-stage + enriched, ≤ ${maxAreas} areas within ${ratio} of the best`, createRouter({ router: "two-stage", picker: "bm25", maxAreas, areaScoreRatio: ratio, searchTool: false }, { examples: enriched })),
      ),
      routerExposure("two-stage + enriched, fixed 3 areas", createRouter({ router: "two-stage", picker: "bm25", maxAreas: 3, areaScoreRatio: 0, searchTool: false }, { examples: enriched })),
      routerExposure("hybrid (picker bm25, k 8, cap 16, fixed 2 areas: before)", createRouter({ router: "hybrid", picker: "bm25", maxAreas: 2, areaScoreRatio: 0, searchTool: false })),
      routerExposure("hybrid (picker bm25, k 8, cap 16, default areas)", createRouter({ router: "hybrid", picker: "bm25", searchTool: false })),
      routerExposure("hybrid + enriched (default areas)", createRouter({ router: "hybrid", picker: "bm25", searchTool: false }, { examples: enriched })),
      routerExposure("bm25 router (k 8)", createRouter({ router: "bm25", k: 8 })),
    ]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. BFCL pool: gold function recall within every BFCL function
// ---------------------------------------------------------------------------------------------------------------

function bfclPoolBench(pool: PoolEntry[], cases: BfclCase[]) {
  const index = createToolIndex(pool);
  const derived = deriveAreas(pool.map((entry) => ({ ...entry, name: entry.id })));
  const withAreas = pool.map((entry) => ({ ...entry, area: derived.assignment[entry.id]! }));
  const areaIndex = createAreaIndex(derived.areas, withAreas);
  const areaToolIndex = createToolIndex(withAreas);
  const rows: RecallRow[] = [];
  for (const category of ["simple_python", "multiple"]) {
    const subset = cases.filter((item) => item.category === category);
    const rankings = subset.map((item) => ({ ranked: index.rank(query(item.question), 10).map((hit) => hit.tool.id), gold: item.goldId }));
    rows.push(recallOf(`${category}: BM25 over the pool`, rankings));
    // Name-level: any pool entry with the gold name counts (BFCL reuses names across files with reworded descriptions).
    const byName = subset.map((item) => ({ ranked: index.rank(query(item.question), 10).map((hit) => hit.tool.name), gold: item.goldName }));
    rows.push(recallOf(`${category}: BM25, gold by name`, byName));
    let areaHits = 0;
    const areaRankings = subset.map((item) => {
      const result = areaFirstRanking(areaToolIndex, areaIndex, query(item.question), 3, (tool) => tool.id);
      const goldArea = derived.assignment[item.goldId];
      if (goldArea && result.areas?.includes(goldArea)) areaHits++;
      return { ranked: result.ranked, gold: item.goldId };
    });
    rows.push(recallOf(`${category}: area-first BM25 (3 of ${derived.areas.length} derived areas)`, areaRankings, { "gold area picked": round(areaHits / subset.length) }));
  }
  return { poolSize: pool.length, distinctNames: new Set(pool.map((entry) => entry.name)).size, areas: derived.areas.length, rows };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Latency and memory per routing decision
// ---------------------------------------------------------------------------------------------------------------

/** `size` tools: the BFCL pool, then MetaTool's tools, then copies of the pool under new names (same vocabulary). */
function latencyCatalogue(pool: PoolEntry[], metaTools: RoutableTool[], size: number): ToolDefinition[] {
  const entries: Array<{ name: string; description: string; fn: BfclFunction }> = [
    ...pool,
    ...metaTools.map((tool) => ({ name: `metatool_${tool.name}`, description: tool.description, fn: { name: tool.name } })),
  ];
  const taken = new Set<string>();
  const definitions: ToolDefinition[] = [];
  for (let copy = 0; definitions.length < size; copy++) {
    for (const entry of entries) {
      if (definitions.length >= size) break;
      const name = copy === 0 ? entry.name : `${entry.name}_copy${copy}`;
      if (taken.has(name)) continue;
      taken.add(name);
      definitions.push(definitionOf({ ...entry, name }, `area_${hashOf(entry.name) % 40}`));
    }
  }
  return definitions;
}

async function timeDecisions(router: Router, registry: ToolRegistry, questions: string[], rounds: number) {
  const signal = new AbortController().signal;
  const contexts = questions.map((question) => ({ step: 0, messages: [{ role: "user" as const, content: question }], registry, signal }));
  for (const context of contexts.slice(0, 50)) await router(context); // warm-up; the first call also builds the index
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const context of contexts) {
      const started = performance.now();
      await router(context);
      samples.push((performance.now() - started) * 1000);
    }
  }
  return summarise(samples);
}

/** p50, p90 and p99 in µs: p99 on a shared machine mostly measures other processes and GC pauses, p90 less so. */
function summarise(samples: number[]) {
  samples.sort((a, b) => a - b);
  return { p50: Math.round(percentile(samples, 50)), p90: Math.round(percentile(samples, 90)), p99: Math.round(percentile(samples, 99)), decisions: samples.length };
}

function timeRanking(index: ToolIndex, questions: string[], rounds: number) {
  const terms = questions.map(query);
  for (const term of terms.slice(0, 50)) index.rank(term, 8);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const term of terms) {
      const started = performance.now();
      index.rank(term, 8);
      samples.push((performance.now() - started) * 1000);
    }
  }
  return summarise(samples);
}

async function latencyBench(pool: PoolEntry[], metaTools: RoutableTool[], questions: string[]) {
  const results = [];
  for (const size of [1_000, 10_000]) {
    const definitions = latencyCatalogue(pool, metaTools, size);
    const kept: unknown[] = [];
    const registryBytes = bytesPerTool(() => createToolRegistry({ tools: definitions }), size, 1, kept);
    const registry = kept[0] as ToolRegistry;
    const indexBytes = bytesPerTool(() => createToolIndex(registry.tools), size, 3, kept);
    const index = kept[1] as ToolIndex;
    const rounds = size >= 10_000 ? 3 : 5;
    const timings = {
      "flat (baseline: every tool)": await timeDecisions(createRouter("flat"), registry, questions, rounds),
      "BM25 ranking alone (top 8)": timeRanking(index, questions, rounds),
      "bm25 router, whole decision (k 8)": await timeDecisions(createRouter({ router: "bm25", k: 8 }), registry, questions, rounds),
      "two-stage router, picker bm25": await timeDecisions(createRouter({ router: "two-stage", picker: "bm25" }), registry, questions, rounds),
      "hybrid router, picker bm25": await timeDecisions(createRouter({ router: "hybrid", picker: "bm25" }), registry, questions, rounds),
    };
    results.push({
      tools: size,
      bm25IndexBytesPerTool: indexBytes,
      registryBytesPerTool: registryBytes,
      timings,
      keepAlive: kept.length,
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Catalogue-size sweep: flat vs two-stage with a model
// ---------------------------------------------------------------------------------------------------------------

/**
 * A scripted stand-in for a model, to prove the plumbing without one: it answers select_areas with the area whose
 * menu line shares the most words with the request, and otherwise calls the offered tool that does. Its accuracy
 * measures word overlap, not a model.
 */
function scriptedLexicalModel(): ModelAdapter {
  const overlap = (a: Set<string>, text: string) => tokenize(text).filter((term) => a.has(term)).length;
  const respond = (name: string, args: unknown): ModelResponse => ({
    text: "",
    toolCalls: [{ id: "call_1", name, arguments: JSON.stringify(args) }],
    usage: emptyUsage(),
    finishReason: "tool-calls",
  });
  return {
    id: "scripted-lexical",
    async generate(request: ModelRequest) {
      const user = request.messages.filter((message) => message.role === "user").at(-1)?.content ?? "";
      const words = new Set(tokenize(user));
      if (typeof request.toolChoice === "object" && request.toolChoice.tool === selectAreasName) {
        const system = request.messages.find((message) => message.role === "system")?.content ?? "";
        const menu = system.split("\n").filter((line) => line.startsWith("- ")).map((line) => ({ name: line.slice(2, line.indexOf(":")), text: line }));
        const best = menu.reduce((top, area) => (overlap(words, area.text) > overlap(words, top.text) ? area : top), menu[0]!);
        return respond(selectAreasName, { areas: [best.name] });
      }
      if (request.tools.length === 0) return { text: "no tools", toolCalls: [], usage: emptyUsage(), finishReason: "stop" };
      const best = request.tools.reduce((top, tool) => (overlap(words, `${tool.name} ${tool.description}`) > overlap(words, `${top.name} ${top.description}`) ? tool : top), request.tools[0]!);
      return respond(best.name, {});
    },
  };
}

async function sweepBench(pool: PoolEntry[], cases: BfclCase[], modelSpec: string, casesPerSize: number) {
  const model = modelSpec === "scripted" ? scriptedLexicalModel() : await createModel(modelSpec);
  const sizes = [5, 10, 20, 50, 100, 200, 500];
  const chosen = deterministicOrder(cases, (item) => item.id, "sweep").slice(0, casesPerSize);
  const results = [];
  try {
    for (const size of sizes) {
      const tally = { flat: { correct: 0, exposed: 0, promptChars: 0 }, twoStage: { correct: 0, exposed: 0, promptChars: 0, fallbacks: 0 } };
      for (const item of chosen) {
        const own = item.functions.map((fn) => ({ name: fn.name, description: fn.description ?? "", fn }));
        const names = new Set(own.map((entry) => entry.name));
        const distractors = deterministicOrder(pool.filter((entry) => !names.has(entry.name)), (entry) => entry.id, item.id).filter((entry) => {
          if (names.has(entry.name)) return false;
          names.add(entry.name);
          return true;
        });
        const members = deterministicOrder([...own, ...distractors.slice(0, Math.max(0, size - own.length))], (entry) => entry.name, `${item.id}|order`);
        const derived = deriveAreas(members);
        const registry = createToolRegistry({
          tools: members.map((entry) => definitionOf(entry, derived.assignment[entry.name]!)),
          areas: derived.areas as CapabilityArea[],
        });
        const messages = [{ role: "user" as const, content: item.question }];
        const pickedName = (trace: Awaited<ReturnType<typeof runAgent>>) => {
          const call = trace.steps[0]?.proposedCalls[0];
          return call ? registry.get(call.name)?.name : undefined;
        };
        const promptChars = (trace: Awaited<ReturnType<typeof runAgent>>) => JSON.stringify(registry.specs((tool) => trace.steps[0]?.exposedTools.includes(tool.name) ?? false)).length;

        const flat = await runAgent({ model, tools: registry, messages, maxSteps: 1 });
        if (pickedName(flat) === item.goldName) tally.flat.correct++;
        tally.flat.exposed += flat.steps[0]?.exposedTools.length ?? 0;
        tally.flat.promptChars += promptChars(flat);

        const twoStage = await runAgent({ model, tools: registry, messages, maxSteps: 1, selectTools: createRouter({ router: "two-stage", maxAreas: 2, searchTool: false }, { model }) });
        if (pickedName(twoStage) === item.goldName) tally.twoStage.correct++;
        tally.twoStage.exposed += twoStage.steps[0]?.exposedTools.length ?? 0;
        tally.twoStage.promptChars += promptChars(twoStage);
        if (twoStage.steps[0]?.routing?.reason?.includes("fell back")) tally.twoStage.fallbacks++;
      }
      const n = chosen.length;
      results.push({
        tools: size,
        cases: n,
        flatAccuracy: round(tally.flat.correct / n),
        twoStageAccuracy: round(tally.twoStage.correct / n),
        flatMeanExposed: round(tally.flat.exposed / n, 1),
        twoStageMeanExposed: round(tally.twoStage.exposed / n, 1),
        flatMeanSchemaChars: Math.round(tally.flat.promptChars / n),
        twoStageMeanSchemaChars: Math.round(tally.twoStage.promptChars / n),
        twoStageFallbacks: tally.twoStage.fallbacks,
      });
    }
  } finally {
    await model.close?.();
  }
  return { model: model.id, results };
}

// ---------------------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------------------

const started = performance.now();
const { pool, cases: bfclCases } = loadBfclPool();

if (sweepMode) {
  const modelSpec = flagValue("--model");
  if (!modelSpec) {
    console.error("bench:route --sweep needs --model <spec> (a real model, e.g. openai-compatible:http://127.0.0.1:8080/v1#qwen2.5-7b-instruct), or --model scripted for a plumbing check");
    process.exit(2);
  }
  const casesPerSize = Number(flagValue("--cases") ?? 40);
  const sweep = await sweepBench(pool, bfclCases, modelSpec, casesPerSize);
  print(`bench:route --sweep — model ${sweep.model}, BFCL simple_python + multiple questions, distractors from the BFCL pool, areas derived per catalogue`);
  if (modelSpec === "scripted") print("(scripted lexical stand-in: these numbers test the plumbing and say nothing about any model's quality)");
  print("");
  print("| tools | cases | flat accuracy | two-stage accuracy | flat tools shown | two-stage tools shown | flat schema chars | two-stage schema chars | two-stage fallbacks |");
  print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of sweep.results) {
    print(`| ${row.tools} | ${row.cases} | ${row.flatAccuracy} | ${row.twoStageAccuracy} | ${row.flatMeanExposed} | ${row.twoStageMeanExposed} | ${row.flatMeanSchemaChars} | ${row.twoStageMeanSchemaChars} | ${row.twoStageFallbacks} |`);
  }
  print("");
  print(`${Math.round(performance.now() - started)} ms`);
  if (json) console.log(JSON.stringify({ bench: "route", mode: "sweep", node: process.version, ...sweep }));
} else {
  const seconds = (since: number) => round((performance.now() - since) / 1000, 1);
  let mark = performance.now();
  const metaTool = metaToolBench();
  const exposure = await metaTool.routerExposurePromise;
  const { routerExposurePromise: _pending, ...metaToolReport } = metaTool;
  const sectionSeconds: Record<string, number> = { metaTool: seconds(mark) };
  mark = performance.now();
  const bfcl = bfclPoolBench(pool, bfclCases);
  sectionSeconds.bfclPool = seconds(mark);
  mark = performance.now();
  const questions = bfclCases.map((item) => item.question);
  const latency = await latencyBench(pool, loadMetaTool().tools, questions);
  sectionSeconds.latency = seconds(mark);

  print(`bench:route — ${process.version}, load average ${loadavg().map((value) => value.toFixed(2)).join(" ")} at the end${gc ? "" : " (run with --expose-gc for exact heap figures)"}`);
  print("");
  printRecallTable(
    `MetaTool: ${metaTool.tools} tools, ${metaTool.queries} single-tool queries; held-out ${metaTool.heldOut} (20% by query hash), enrichment from the ${metaTool.train} train queries only (held-out queries also in train: ${metaTool.heldOutQueriesAlsoInTrain})`,
    metaTool.rows,
  );
  print(`Areas: ${metaTool.areas.count} derived by ${metaTool.areas.method}; MetaTool's own scenario lists cover ${metaTool.areas.scenarioCoverage} of ${metaTool.tools} tools and overlap, so they are not areas.`);
  print(`Derived areas: ${metaTool.areas.names.join(", ")}`);
  print("");
  print("| router (held-out queries) | gold tool exposed | mean tools exposed | mean areas picked | fallbacks to bm25 |");
  print("|---|---:|---:|---:|---:|");
  for (const row of exposure) print(`| ${row.router} | ${row.goldExposed} | ${row.meanExposed} | ${row.meanAreas} | ${row.fallbacks} |`);
  print("");
  print(`MetaTool multi-tool queries (${metaTool.multiTool.queries}): mean share of gold tools in BM25 top 5 ${metaTool.multiTool.meanGoldFractionAt5}, top 10 ${metaTool.multiTool.meanGoldFractionAt10}`);
  print("");
  printRecallTable(`BFCL pool: ${bfcl.poolSize} functions (${bfcl.distinctNames} distinct names) from every BFCL v4 question file and multi-turn API doc, deduplicated by name + description; ${bfcl.areas} derived areas`, bfcl.rows);
  print("Routing latency per decision (µs), same run; the flat router is the baseline");
  print("");
  print("| tools | method | p50 µs | p90 µs | p99 µs | decisions |");
  print("|---:|---|---:|---:|---:|---:|");
  for (const size of latency) {
    for (const [method, timing] of Object.entries(size.timings)) print(`| ${size.tools} | ${method} | ${timing.p50} | ${timing.p90} | ${timing.p99} | ${timing.decisions} |`);
  }
  print("");
  print("| tools | BM25 index bytes per tool | registry bytes per tool (for scale: schemas, validators) |");
  print("|---:|---:|---:|");
  for (const size of latency) print(`| ${size.tools} | ${size.bm25IndexBytesPerTool} | ${size.registryBytesPerTool} |`);
  print("");
  const lexical10k = latency.find((size) => size.tools === 10_000)!.timings["bm25 router, whole decision (k 8)"];
  print(`target: lexical routing at 10,000 tools < 1,000 µs — p50 ${lexical10k.p50} µs, p99 ${lexical10k.p99} µs: ${lexical10k.p99 < 1000 ? "met" : lexical10k.p50 < 1000 ? "met at p50, not at p99" : "not met"}`);
  print(`sections (s): ${Object.entries(sectionSeconds).map(([name, value]) => `${name} ${value}`).join(", ")}; total ${seconds(started)}`);
  if (json) {
    const latencyReport = latency.map(({ keepAlive: _keep, ...rest }) => rest);
    console.log(JSON.stringify({ bench: "route", node: process.version, loadAverage: loadavg(), exactHeap: Boolean(gc), sectionSeconds, metaTool: { ...metaToolReport, routers: exposure }, bfclPool: bfcl, latency: latencyReport }));
  }
}
