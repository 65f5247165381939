// Context-aware tool exposure: when a router's choice does not fit a small model's context, expose the best-ranked tools that do.
import type { ContextWindow } from "../model/index.js";
import type { ChatMessage, RoutingDecision } from "../record/index.js";
import type { RegisteredTool } from "../tool/index.js";
import { registryView } from "./compose-registry.js";
import { createFlatRouter } from "./flat-router.js";
import { routingQuery, routingQueryTerms } from "./query.js";
import { createToolIndex } from "./tool-index.js";
import type { Router, RouterSelection } from "./types.js";

/**
 * Wraps a router (the flat one by default) so that the tools it exposes, documented in the prompt as the model renders
 * them, fit `window`: the whole choice when it fits, else the longest prefix of its ranking that does. The ranking is
 * the router's own scores, then BM25 between the request and the tools (the flat router ranks nothing), then registry
 * order. Every decision records the budget; a cut also says so in the reason. When not even the conversation fits,
 * no tools are exposed and the model's own check reports which part overflowed.
 */
export function fitToContext(window: ContextWindow, router: Router = createFlatRouter()): Router {
  return async (context) => {
    const selection = await router(context);
    const offered = selection.tools.tools;
    const count = (tools: readonly RegisteredTool[]) => window.promptTokens({ messages: context.messages, tools: specsOf(tools) });
    const budgetOf = (promptTokens: number, exposed: number): NonNullable<RoutingDecision["budget"]> => ({
      contextSize: window.contextSize,
      reservedOutputTokens: window.contextSize - window.promptLimit,
      promptTokens,
      toolsOffered: offered.length,
      toolsExposed: exposed,
    });
    const whole = await count(offered);
    if (whole <= window.promptLimit) return { tools: selection.tools, routing: { ...selection.routing, budget: budgetOf(whole, offered.length) } };

    const ranked = rankOffered(selection, context.messages);
    // Prompt size grows with every tool documented, so the largest prefix that fits is found by bisection.
    let fits = 0;
    let fitsTokens = await count([]);
    let tooMany = ranked.length;
    while (tooMany - fits > 1) {
      const middle = Math.floor((fits + tooMany) / 2);
      const tokens = await count(ranked.slice(0, middle).map((entry) => entry.tool));
      if (tokens <= window.promptLimit) {
        fits = middle;
        fitsTokens = tokens;
      } else tooMany = middle;
    }
    const kept = ranked.slice(0, fits);
    // Exposed in the order the router gave them (registry order), as every router's answer is.
    const keptNames = new Set(kept.map((entry) => entry.tool.name));
    const exposed = offered.filter((tool) => keptNames.has(tool.name));
    const scores = selection.routing.scores ?? Object.fromEntries(kept.filter((entry) => entry.lexical > 0).map((entry) => [entry.tool.name, entry.lexical]));
    const cut = `${fits} of ${offered.length} tools fit the context (${fitsTokens} prompt tokens of ${window.promptLimit}; ${window.contextSize - window.promptLimit} kept for output)`;
    return {
      tools: registryView(selection.tools, exposed),
      routing: {
        ...selection.routing,
        ...(Object.keys(scores).length > 0 ? { scores: pick(scores, keptNames) } : {}),
        reason: selection.routing.reason ? `${selection.routing.reason}; ${cut}` : cut,
        budget: budgetOf(fitsTokens, fits),
      },
    };
  };
}

interface RankedEntry {
  tool: RegisteredTool;
  position: number;
  routed?: number;
  lexical: number;
}

/** The offered tools best first: the router's score, then BM25 against the request, then the order given. */
function rankOffered(selection: RouterSelection, messages: readonly ChatMessage[]): RankedEntry[] {
  const tools = selection.tools.tools;
  const routed = selection.routing.scores ?? {};
  const query = routingQuery(messages);
  const lexical = query ? createToolIndex(tools).scoreAll(routingQueryTerms(query)) : undefined;
  const entries: RankedEntry[] = tools.map((tool, position) => ({
    tool,
    position,
    ...(Object.hasOwn(routed, tool.name) ? { routed: routed[tool.name] } : {}),
    lexical: lexical?.[position] ?? 0,
  }));
  return entries.sort((a, b) => {
    if (a.routed !== undefined || b.routed !== undefined) {
      if (a.routed === undefined) return 1;
      if (b.routed === undefined) return -1;
      if (a.routed !== b.routed) return b.routed - a.routed;
    }
    return b.lexical - a.lexical || a.position - b.position;
  });
}

function specsOf(tools: readonly RegisteredTool[]) {
  return tools.map((tool) => ({ name: tool.providerName, description: tool.description, inputSchema: tool.inputSchema }));
}

function pick(scores: Record<string, number>, names: ReadonlySet<string>): Record<string, number> {
  return Object.fromEntries(Object.entries(scores).filter(([name]) => names.has(name)));
}
