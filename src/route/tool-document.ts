// The text of a tool that routing matches a request against: name words, description, parameters and example requests.
import type { JsonSchema } from "../record/index.js";
import { splitIdentifier, tokenize } from "./tokenize.js";
import type { RoutableTool } from "./types.js";

/** The name says most about what a tool does in the fewest words, so its terms count this many times. */
const nameWeight = 2;

/** Lexical terms of a tool: name words (weighted), description, parameter names, descriptions and enum values, examples. */
export function toolDocumentTerms(tool: RoutableTool, examples: readonly string[] = []): string[] {
  const nameTerms = tokenize(splitIdentifier(tool.name).join(" "));
  const terms: string[] = [];
  for (let repeat = 0; repeat < nameWeight; repeat++) terms.push(...nameTerms);
  terms.push(...tokenize(tool.description));
  for (const text of parameterTexts(tool.inputSchema)) terms.push(...tokenize(text));
  for (const example of examples) terms.push(...tokenize(example));
  return terms;
}

/** Embedding inputs have a token limit and one vector per tool: a handful of examples shifts it, hundreds would truncate. */
export const embeddingExamplesPerTool = 10;

/** The same content as one readable text, for embedding models (which want prose, not terms). */
export function toolDocumentText(tool: RoutableTool, allExamples: readonly string[] = []): string {
  const examples = allExamples.slice(0, embeddingExamplesPerTool);
  const lines = [`${splitIdentifier(tool.name).join(" ")} (${tool.name}): ${tool.description.trim()}`];
  const parameters = parameterTexts(tool.inputSchema);
  if (parameters.length > 0) lines.push(`Parameters: ${parameters.join("; ")}`);
  if (examples.length > 0) lines.push(`Example requests: ${examples.join(" | ")}`);
  return lines.join("\n");
}

/** Parameter names (split into words), their descriptions and string enum values, nested objects and arrays included. */
function parameterTexts(schema: JsonSchema | undefined, depth = 0): string[] {
  if (!schema || depth > 4) return [];
  const texts: string[] = [];
  const properties = schema.properties;
  if (isRecord(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      const parts = [splitIdentifier(name).join(" ")];
      if (isRecord(property)) {
        if (typeof property.description === "string") parts.push(property.description);
        if (Array.isArray(property.enum)) parts.push(property.enum.filter((value) => typeof value === "string").join(" "));
      }
      texts.push(parts.filter((part) => part.trim() !== "").join(" "));
      if (isRecord(property)) texts.push(...parameterTexts(property, depth + 1));
    }
  }
  if (isRecord(schema.items)) texts.push(...parameterTexts(schema.items, depth + 1));
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const list = schema[key];
    if (Array.isArray(list)) for (const branch of list) if (isRecord(branch)) texts.push(...parameterTexts(branch, depth + 1));
  }
  return texts;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
