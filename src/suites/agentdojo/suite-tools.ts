// Builds toolgate tools from an AgentDojo suite's schemas, each running against one live environment of the port.
import { defineTool } from "../../tool/index.js";
import type { JsonSchema } from "../../record/index.js";
import type { ToolDefinition } from "../../tool/index.js";
import type { AgentDojoToolSchema } from "./data.js";
import type { SuitePort } from "./suite-port.js";

class SuiteToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SuiteToolError";
  }
}

/**
 * AgentDojo's schemas are OpenAPI-flavoured (`nullable`, `x-py-type`); the gate validates JSON Schema 2020-12, so
 * `nullable` becomes a `null` type alternative and Python-only annotations are dropped.
 */
function normaliseToolSchema(schema: unknown): JsonSchema {
  if (Array.isArray(schema)) return schema.map((item) => normaliseToolSchema(item)) as unknown as JsonSchema;
  if (schema === null || typeof schema !== "object") return schema as JsonSchema;
  const out: JsonSchema = {};
  const source = schema as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) {
    if (key === "nullable" || key.startsWith("x-")) continue;
    out[key] = typeof value === "object" && value !== null ? normaliseToolSchema(value) : value;
  }
  if (source.nullable === true && typeof source.type === "string") out.type = [source.type, "null"];
  return out;
}

export interface BuildSuiteToolsOptions {
  /** Register result-carrying tools as `trust: "untrusted"` so a taint tracker watches their results. */
  markUntrusted: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tools have heterogeneous argument types
export function buildSuiteTools<Env>(port: SuitePort<Env>, schemas: readonly AgentDojoToolSchema[], environment: Env, options: BuildSuiteToolsOptions): Array<ToolDefinition<any, any>> {
  return schemas.map((schema) => {
    const classification = port.tools[schema.name];
    if (!classification) throw new SuiteToolError(`the ${port.suite} port has no risk/trust entry for tool ${schema.name}; add it to the port's tools table`);
    // A tool whose outside text sits in known fields is trusted except for those fields; otherwise untrusted as a whole.
    const trust: Pick<ToolDefinition, "trust" | "untrustedFields"> =
      !options.markUntrusted || !classification.untrusted ? {} : classification.untrustedFields ? { untrustedFields: [...classification.untrustedFields] } : { trust: "untrusted" };
    return defineTool<Record<string, unknown>>({
      name: schema.name,
      description: schema.description || schema.name,
      area: port.area,
      risk: classification.risk,
      input: { ...normaliseToolSchema(schema.parameters), type: "object" },
      execute: (args) => port.execute(environment, schema.name, args),
      ...trust,
      ...(classification.steers ? { steers: { ...classification.steers } } : {}),
    });
  });
}
