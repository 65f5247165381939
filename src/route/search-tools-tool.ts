// The search_tools meta-tool: lets the model look past the routed subset; what it finds is exposed from the next step on.
import { createToolRegistry, defineTool } from "../tool/index.js";
import type { CapabilityArea, RegisteredTool } from "../tool/index.js";
import { weighQuery } from "../rag/index.js";
import type { ToolIndex } from "./tool-index.js";
import { tokenize } from "./tokenize.js";

export const searchToolsName = "search_tools";
export const searchToolsArea: CapabilityArea = { name: "routing", description: "Find tools beyond the ones currently offered." };
export const defaultSearchResults = 5;

/** What search_tools returns; `tools[].name` is the name the model calls the tool by. */
export interface SearchToolsResult {
  query: string;
  tools: Array<{ name: string; area: string; description: string }>;
  note: string;
}

/**
 * A registered tool (gated like any other call: validated, authorised, recorded) that ranks the whole catalogue
 * with BM25. It is deterministic, and routers widen the next step from its recorded result (see searchedToolNames),
 * so the tools the model was told about are exactly the tools it then gets.
 */
export function createSearchToolsTool(index: ToolIndex<RegisteredTool>, k = defaultSearchResults): RegisteredTool {
  const definition = defineTool<{ query: string }, SearchToolsResult>({
    name: searchToolsName,
    description:
      "Search the full tool catalogue when none of the tools you have fits the request. Describe the action you need in a few words; the best-matching tools are returned and become callable from your next step.",
    area: searchToolsArea.name,
    risk: "read",
    idempotent: true,
    input: {
      type: "object",
      properties: { query: { type: "string", minLength: 1, maxLength: 500, description: "The action you need, e.g. 'cancel an appointment'." } },
      required: ["query"],
      additionalProperties: false,
    },
    execute: ({ query }) => ({
      query,
      tools: index.rank(weighQuery([{ terms: tokenize(query), weight: 1 }]), k).map(({ tool }) => ({
        name: tool.providerName,
        area: tool.area,
        description: tool.description.length > 200 ? `${tool.description.slice(0, 197)}...` : tool.description,
      })),
      note: "These tools are available from your next step on.",
    }),
  });
  return createToolRegistry({ tools: [definition], areas: [searchToolsArea] }).tools[0]!;
}
