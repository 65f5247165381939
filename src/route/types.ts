// The shapes routing shares: what a router is (runAgent's selectTools), what it reads of a tool, and example-query maps.
import type { RoutingDecision } from "../record/index.js";
import type { RunAgentOptions } from "../agent/index.js";
import type { RegisteredTool, ToolRegistry } from "../tool/index.js";

/** What runAgent hands a router each step. */
export type SelectToolsContext = Parameters<NonNullable<RunAgentOptions["selectTools"]>>[0];

/** A router's answer: the tools the model is shown this step, in registry order, and how they were chosen. */
export interface RouterSelection {
  tools: ToolRegistry;
  routing: RoutingDecision;
}

/** A function usable as runAgent's `selectTools`. */
export type Router = (context: SelectToolsContext) => Promise<RouterSelection>;

/** What lexical and embedding routing read of a tool; registered tools qualify, and so do plain catalogue rows. */
export type RoutableTool = Pick<RegisteredTool, "name" | "description"> & { inputSchema?: RegisteredTool["inputSchema"]; area?: string };

/**
 * Example user requests per tool name, folded into the text routers match against (description enrichment).
 * Kept beside the catalogue rather than in ToolDefinition so that examples learnt from evaluation data never change
 * a tool's definition digest.
 */
export type ToolExamples = Readonly<Record<string, readonly string[]>>;
