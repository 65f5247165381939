// Options every narrowing router takes, their checks, and the per-catalogue state a router builds once (index, meta-tool).
import type { CapabilityArea, RegisteredTool, ToolRegistry } from "../tool/index.js";
import type { Bm25Options } from "../rag/index.js";
import { RouterConfigError } from "./errors.js";
import { createSearchToolsTool, defaultSearchResults, searchToolsName } from "./search-tools-tool.js";
import type { ToolIndex } from "./tool-index.js";
import { createToolIndex } from "./tool-index.js";
import type { ToolExamples } from "./types.js";

export interface CommonRouterOptions {
  /** Tools exposed on every step whatever the router decides (a handoff or help tool, say). */
  alwaysInclude?: readonly string[];
  /** Most catalogue tools exposed per step; always-included tools are never cut. */
  maxTools?: number;
  /** Earlier user messages added to the routing query (at half weight). Default 1. */
  contextTurns?: number;
  /** Offer the search_tools meta-tool; `{ k }` sets how many tools one search returns (default 5). */
  searchTool?: boolean | { k?: number };
  /** Example requests per tool name (see enrichFromCases), matched like description text. */
  examples?: ToolExamples;
  bm25?: Bm25Options;
}

/**
 * What a router knows about one catalogue, computed once: per-decision work then touches only the query's posting
 * lists and the chosen tools, never every registered tool (walking 10,000 RegisteredTools costs milliseconds).
 */
export interface RoutedCatalogue {
  tools: readonly RegisteredTool[];
  /** Tool names by position: reading `name` off thousands of RegisteredTool objects per decision is measurably slow. */
  names: readonly string[];
  index: ToolIndex<RegisteredTool>;
  /** Tool name → position in the registry. */
  positions: ReadonlyMap<string, number>;
  /** Area name → positions of its tools, in registry order. */
  byArea: ReadonlyMap<string, readonly number[]>;
  /** Areas with at least one tool, in registry order. */
  populatedAreas: readonly CapabilityArea[];
  searchTool?: RegisteredTool;
}

export function checkCommonOptions(router: string, options: CommonRouterOptions): void {
  if (options.maxTools !== undefined) positiveInteger(router, "maxTools", options.maxTools);
  if (options.contextTurns !== undefined && !(Number.isInteger(options.contextTurns) && options.contextTurns >= 0)) {
    throw new RouterConfigError(`${router} router: contextTurns must be a whole number of earlier user messages (0 or more), got ${options.contextTurns}`);
  }
  if (typeof options.searchTool === "object" && options.searchTool.k !== undefined) positiveInteger(router, "searchTool.k", options.searchTool.k);
}

export function positiveInteger(router: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RouterConfigError(`${router} router: ${name} must be a positive whole number, got ${value}`);
}

/**
 * The index (and meta-tool) of each catalogue the router meets, built on first use and kept while the registry
 * lives: a run or session passes the same registry every step, so indexing happens once, not per decision.
 */
export function catalogueCache(router: string, options: CommonRouterOptions, searchToolByDefault: boolean): (registry: ToolRegistry) => RoutedCatalogue {
  const built = new WeakMap<ToolRegistry, RoutedCatalogue>();
  const wantsSearchTool = options.searchTool === undefined ? searchToolByDefault : options.searchTool !== false;
  const searchK = typeof options.searchTool === "object" ? (options.searchTool.k ?? defaultSearchResults) : defaultSearchResults;
  return (registry) => {
    let catalogue = built.get(registry);
    if (!catalogue) {
      if (wantsSearchTool && registry.get(searchToolsName)) {
        throw new RouterConfigError(
          `${router} router: the catalogue already has a tool named ${searchToolsName}, the name of the router's meta-tool; rename that tool or set searchTool: false`,
        );
      }
      const tools = registry.tools;
      const index = createToolIndex(tools, { ...options.bm25, examples: options.examples });
      const byArea = new Map<string, number[]>();
      tools.forEach((tool, position) => {
        const list = byArea.get(tool.area) ?? [];
        list.push(position);
        byArea.set(tool.area, list);
      });
      catalogue = {
        tools,
        names: tools.map((tool) => tool.name),
        index,
        positions: new Map(tools.map((tool, position) => [tool.name, position])),
        byArea,
        populatedAreas: registry.areas.filter((area) => byArea.has(area.name)),
        searchTool: wantsSearchTool ? createSearchToolsTool(index, searchK) : undefined,
      };
      built.set(registry, catalogue);
    }
    return catalogue;
  };
}

/** A bounded memo (oldest entry evicted first) for per-query work repeated across the steps of one turn. */
export function boundedMemo<V>(limit = 256): { get(key: string): V | undefined; set(key: string, value: V): void; delete(key: string): void } {
  const entries = new Map<string, V>();
  return {
    get: (key) => entries.get(key),
    delete: (key) => void entries.delete(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
  };
}
