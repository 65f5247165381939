// Why each exposed tool was chosen: its score, its area and the request words it matched, as rows a person can read.
import type { ChatMessage } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { routingQuery, routingQueryTerms } from "./query.js";
import { searchToolsName } from "./search-tools-tool.js";
import { createToolIndex } from "./tool-index.js";
import type { RouterSelection, ToolExamples } from "./types.js";

export interface ExposedToolExplanation {
  name: string;
  area: string;
  /** The router's own score (BM25, cosine), when it ranks. */
  score?: number;
  /** BM25 share per matched request term, largest first: the lexical evidence, whichever router chose. */
  matched: Array<{ term: string; score: number }>;
  /** The router's meta-tool rather than a catalogue tool. */
  metaTool?: true;
}

export function explainSelection(
  registry: ToolRegistry,
  messages: readonly ChatMessage[],
  selection: RouterSelection,
  options: { examples?: ToolExamples; contextTurns?: number } = {},
): ExposedToolExplanation[] {
  const query = routingQuery(messages, options.contextTurns);
  const terms = query ? routingQueryTerms(query) : new Map<string, number>();
  const index = createToolIndex(registry.tools, { examples: options.examples });
  return selection.tools.tools.map((tool) => {
    const isMeta = tool.name === searchToolsName && registry.get(tool.name) === undefined;
    const score = selection.routing.scores?.[tool.name];
    return {
      name: tool.name,
      area: tool.area,
      ...(score === undefined ? {} : { score }),
      matched: isMeta ? [] : index.explain(terms, tool.name).map((part) => ({ term: part.term, score: Math.round(part.score * 100) / 100 })),
      ...(isMeta ? { metaTool: true as const } : {}),
    };
  });
}
