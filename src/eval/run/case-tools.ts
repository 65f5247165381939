// The tools one case runs with: inline definitions answering with canned results, and catalog tools on the case's own database.
import type { CapabilityArea, ToolDefinition } from "../../tool/index.js";
import { defineTool } from "../../tool/index.js";
import type { EvalCase, FunctionTool } from "../cases/index.js";
import { cannedResult, preprocessForLanguage, toParametersJsonSchema } from "../cases/index.js";
import type { StateEnvironment } from "../effects/index.js";

export interface CaseToolset {
  tools: ToolDefinition[];
  areas: CapabilityArea[];
  /** The catalog's system prompt, when the case uses catalog tools and gives none of its own. */
  systemPrompt?: string;
  /** Set when the case uses catalog tools: its state is what an effect check compares. */
  environment?: StateEnvironment;
  close(): void;
}

/** `openEnvironment` is called only when the case names catalog tools. */
export function buildCaseTools(testCase: EvalCase, openEnvironment: () => StateEnvironment): CaseToolset {
  const catalogNames = testCase.tools.filter((tool): tool is string => typeof tool === "string");
  const inline = testCase.tools.filter((tool): tool is FunctionTool => typeof tool !== "string").map((tool) => inlineTool(tool, testCase.language));
  if (catalogNames.length === 0) {
    return { tools: inline, areas: [], close: () => {} };
  }
  const environment = openEnvironment();
  try {
    const all = catalogNames.includes("*");
    const known = new Map(environment.tools.map((tool) => [tool.name, tool]));
    const unknown = catalogNames.filter((name) => name !== "*" && !known.has(name));
    if (unknown.length > 0) {
      throw new TypeError(
        `${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} not in the ${testCase.catalog} catalog; ` +
          `its tools are ${[...known.keys()].join(", ")} ("*" for all)`,
      );
    }
    const picked = all ? environment.tools : catalogNames.map((name) => known.get(name) as ToolDefinition);
    const usedAreas = new Set(picked.map((tool) => tool.area));
    return {
      tools: [...picked, ...inline],
      areas: environment.areas.filter((area) => usedAreas.has(area.name)),
      systemPrompt: environment.systemPrompt,
      environment,
      close: () => environment.close(),
    };
  } catch (error) {
    environment.close();
    throw error;
  }
}

function inlineTool(tool: FunctionTool, language: EvalCase["language"]): ToolDefinition {
  // What the model is shown; the checker keeps the case's own parameters, with their declared types.
  const shown = language ? preprocessForLanguage({ name: tool.name, description: tool.description, parameters: tool.parameters }, language) : tool;
  const result = cannedResult({ result: tool.result, returns: tool.returns });
  const output = tool.returns && tool.returns.type === "object" ? toParametersJsonSchema(tool.returns) : undefined;
  return defineTool({
    name: tool.name,
    // defineTool insists on a description (it is what models choose by); a bare case still deserves a run.
    description: shown.description.trim() || `Function ${tool.name}.`,
    area: tool.area,
    risk: tool.risk,
    input: toParametersJsonSchema(shown.parameters),
    ...(output ? { output } : {}),
    idempotent: tool.risk === "read",
    execute: () => structuredClone(result),
  });
}
