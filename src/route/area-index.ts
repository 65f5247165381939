// Ranks capability areas for a request with BM25 over area documents: the area's own words plus its tools' documents.
import type { CapabilityArea } from "../tool/index.js";
import type { Bm25Options, QueryTerms } from "../rag/index.js";
import { createBm25Index } from "../rag/index.js";
import { toolDocumentTerms } from "./tool-document.js";
import { splitIdentifier, tokenize } from "./tokenize.js";
import type { RoutableTool, ToolExamples } from "./types.js";

interface RankedArea {
  area: string;
  score: number;
}

export interface AreaIndex {
  readonly areas: readonly CapabilityArea[];
  rank(query: QueryTerms, k: number): RankedArea[];
}

/** Areas with no tools are left out: picking one could only expose nothing. */
export function createAreaIndex(
  areas: readonly CapabilityArea[],
  tools: readonly (RoutableTool & { area: string })[],
  options: Bm25Options & { examples?: ToolExamples } = {},
): AreaIndex {
  const examples = options.examples ?? {};
  const populated = areas.filter((area) => tools.some((tool) => tool.area === area.name));
  const documents = populated.map((area) => {
    const terms = [...tokenize(splitIdentifier(area.name).join(" ")), ...tokenize(area.description)];
    for (const tool of tools) {
      if (tool.area === area.name) terms.push(...toolDocumentTerms(tool, Object.hasOwn(examples, tool.name) ? examples[tool.name] : []));
    }
    return terms;
  });
  const bm25 = createBm25Index(documents, options);
  return {
    areas: populated,
    rank: (query, k) => bm25.search(query, { k }).map((hit) => ({ area: populated[hit.doc]!.name, score: hit.score })),
  };
}
