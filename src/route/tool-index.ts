// A BM25 index over a catalogue's tool documents: ranks tools for a query and explains any tool's score.
import type { Bm25Options, Bm25TermContribution, QueryTerms } from "../rag/index.js";
import { createBm25Index } from "../rag/index.js";
import { toolDocumentTerms } from "./tool-document.js";
import type { RoutableTool, ToolExamples } from "./types.js";

export interface RankedTool<T extends RoutableTool = RoutableTool> {
  tool: T;
  /** Position in the catalogue. */
  index: number;
  score: number;
}

export interface ToolIndex<T extends RoutableTool = RoutableTool> {
  readonly tools: readonly T[];
  /** The best `k` tools with a positive score, best first (ties in catalogue order). */
  rank(query: QueryTerms, k: number, filter?: (tool: T, index: number) => boolean): RankedTool<T>[];
  /** A score for every tool, by catalogue position. */
  scoreAll(query: QueryTerms): Float64Array;
  explain(query: QueryTerms, toolName: string): Bm25TermContribution[];
}

export interface ToolIndexOptions extends Bm25Options {
  examples?: ToolExamples;
}

export function createToolIndex<T extends RoutableTool>(tools: readonly T[], options: ToolIndexOptions = {}): ToolIndex<T> {
  const examples = options.examples ?? {};
  const bm25 = createBm25Index(
    tools.map((tool) => toolDocumentTerms(tool, Object.hasOwn(examples, tool.name) ? examples[tool.name] : [])),
    options,
  );
  const positions = new Map(tools.map((tool, index) => [tool.name, index]));
  return {
    tools,
    rank(query, k, filter) {
      const hits = bm25.search(query, { k, filter: filter ? (doc) => filter(tools[doc]!, doc) : undefined });
      return hits.map((hit) => ({ tool: tools[hit.doc]!, index: hit.doc, score: hit.score }));
    },
    scoreAll: (query) => bm25.scoreAll(query),
    explain(query, toolName) {
      const position = positions.get(toolName);
      return position === undefined ? [] : bm25.explain(query, position);
    },
  };
}
