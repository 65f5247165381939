// Description enrichment: example requests per tool, learnt from evaluation cases or recorded traces (train split only).
import type { Trace } from "../record/index.js";
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

/** What enrichment reads of an evaluation case; an EvalCase qualifies, and routing need not depend on the eval room. */
export interface EnrichableCase {
  id: string;
  messages?: ReadonlyArray<{ role: string; content: string }>;
  turns?: readonly string[];
  expect: {
    /** BFCL style: one single-key object `{ <function name>: … }` per expected call. */
    calls?: ReadonlyArray<Readonly<Record<string, unknown>>>;
    effects?: ReadonlyArray<{ name: string }>;
  };
}

export interface EvalCasePairs {
  pairs: QueryToolPair[];
  /** Cases that say nothing about which tool answers one request, and why. */
  skipped: Array<{ id: string; reason: string }>;
}

/**
 * (request, tool) pairs from evaluation cases: the case's last user message and each tool it expects called
 * (`expect.calls`, or the ground-truth calls of `expect.effects`).
 */
export function pairsFromEvalCases(cases: Iterable<EnrichableCase>): EvalCasePairs {
  const pairs: QueryToolPair[] = [];
  const skipped: EvalCasePairs["skipped"] = [];
  for (const testCase of cases) {
    const tools = new Set([...(testCase.expect.calls ?? []).flatMap((call) => Object.keys(call)), ...(testCase.expect.effects ?? []).map((call) => call.name)]);
    // Later turns build on earlier ones, so a tool expected somewhere in the conversation answers no single turn.
    const turns = testCase.turns ?? [];
    const request = turns.length === 1 ? turns[0] : testCase.messages?.filter((message) => message.role === "user").at(-1)?.content;
    if (tools.size === 0) skipped.push({ id: testCase.id, reason: "expects no particular tool (no_call or any_call)" });
    else if (turns.length > 1) skipped.push({ id: testCase.id, reason: "multi-turn: its expected calls belong to no single request" });
    else if (!request?.trim()) skipped.push({ id: testCase.id, reason: "has no user request" });
    else for (const tool of tools) pairs.push({ query: request, tool });
  }
  return { pairs, skipped };
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
