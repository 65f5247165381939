// Description enrichment: example requests per tool, learnt from evaluation cases or recorded traces (train split only).
import type { Trace } from "../agent/index.js";
import { searchToolsName } from "./search-tools-tool.js";
import type { ToolExamples } from "./types.js";

export interface QueryToolPair {
  query: string;
  /** Canonical tool name. */
  tool: string;
}

export interface EnrichOptions {
  /**
   * Examples kept per tool, first seen first. Default: all of them. Lexical routing only grows by the distinct words
   * examples add, and more evidence keeps helping (bench:route, MetaTool); set a cap to bound memory when examples
   * come from an unbounded stream of traces. Embedding text uses only the first few (see toolDocumentText).
   */
  maxPerTool?: number;
}

/**
 * The example map routers match requests against. Feed it the train split only (see splitCases): examples drawn
 * from the cases you evaluate on make retrieval look better than it is.
 */
export function enrichFromCases(pairs: Iterable<QueryToolPair>, options: EnrichOptions = {}): ToolExamples {
  const limit = options.maxPerTool ?? Number.POSITIVE_INFINITY;
  const examples: Record<string, string[]> = {};
  const seen = new Map<string, Set<string>>();
  for (const { query, tool } of pairs) {
    const text = query.trim().replace(/\s+/g, " ");
    if (text === "" || tool === "") continue;
    const known = seen.get(tool) ?? new Set<string>();
    seen.set(tool, known);
    const key = text.toLowerCase();
    if (known.has(key) || known.size >= limit) continue;
    known.add(key);
    // Own data properties only: a tool named "__proto__" must not reach the prototype.
    if (!Object.hasOwn(examples, tool)) Object.defineProperty(examples, tool, { value: [], enumerable: true, writable: true, configurable: true });
    examples[tool]!.push(text);
  }
  return examples;
}

/** (request, tool) pairs from recorded runs: the run's last user message and each tool it called successfully. */
export function casesFromTraces(traces: Iterable<Trace>): QueryToolPair[] {
  const pairs: QueryToolPair[] = [];
  for (const trace of traces) {
    const request = trace.input.filter((message) => message.role === "user").at(-1)?.content;
    if (!request) continue;
    const tools = new Set<string>();
    for (const call of trace.calls) {
      if (call.status === "succeeded" && call.toolName && call.toolName !== searchToolsName) tools.add(call.toolName);
    }
    for (const tool of tools) pairs.push({ query: request, tool });
  }
  return pairs;
}
