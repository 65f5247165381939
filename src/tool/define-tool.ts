// defineTool: the one way to declare a tool; typing flows from a Zod input schema into `execute`.
import type { z, ZodType } from "zod";
import { type JsonSchema, riskLevels } from "../record/index.js";
import type { ToolDefinition } from "./types.js";

type ZodToolDefinition<Schema extends ZodType, Result> = Omit<ToolDefinition<z.output<Schema>, Result>, "input"> & {
  input: Schema;
};

export function defineTool<Schema extends ZodType, Result>(
  definition: ZodToolDefinition<Schema, Result>,
): ToolDefinition<z.output<Schema>, Result>;
export function defineTool<Args = Record<string, unknown>, Result = unknown>(
  definition: ToolDefinition<Args, Result> & { input: JsonSchema },
): ToolDefinition<Args, Result>;
export function defineTool(definition: ToolDefinition): ToolDefinition {
  if (!definition.name) throw new TypeError("defineTool: a tool needs a name");
  if (!definition.description?.trim()) {
    throw new TypeError(`defineTool(${definition.name}): write a description; it is what the model chooses by`);
  }
  if (!definition.area) throw new TypeError(`defineTool(${definition.name}): give the tool a capability area`);
  if (!riskLevels.includes(definition.risk)) {
    throw new TypeError(`defineTool(${definition.name}): risk must be one of ${riskLevels.join(", ")}, got ${String(definition.risk)}`);
  }
  if (typeof definition.execute !== "function") throw new TypeError(`defineTool(${definition.name}): execute must be a function`);
  if (definition.timeoutMs !== undefined && !(definition.timeoutMs > 0)) {
    throw new TypeError(`defineTool(${definition.name}): timeoutMs must be a positive number of milliseconds`);
  }
  return definition;
}
