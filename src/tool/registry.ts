// The tool registry: unique names, capability areas, provider-safe names, compiled validators and digests.
import type { ZodType } from "zod";
import type { ToolSpec } from "../record/index.js";
import { createSchemaCompiler } from "./argument-validator.js";
import { toolDefinitionDigest } from "./digest.js";
import { isZodSchema, toJsonSchema } from "./json-schema.js";
import { isProviderSafeName, toProviderName } from "./provider-name.js";
import type { CapabilityArea, RegisteredTool, ToolDefinition } from "./types.js";

export interface ToolRegistry {
  readonly tools: readonly RegisteredTool[];
  readonly areas: readonly CapabilityArea[];
  /** Looks a tool up by its canonical name or its provider-safe name. */
  get(name: string): RegisteredTool | undefined;
  /** What the model is shown: provider-safe names, descriptions, argument schemas. */
  specs(filter?: (tool: RegisteredTool) => boolean): ToolSpec[];
  /** A registry holding only the tools that pass `filter` (routing narrows the catalogue per step). */
  subset(filter: (tool: RegisteredTool) => boolean): ToolRegistry;
}

export interface ToolRegistryOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tools have heterogeneous argument types
  tools: ReadonlyArray<ToolDefinition<any, any>>;
  /** Capability areas with descriptions; areas named by tools but not listed here get an empty description. */
  areas?: readonly CapabilityArea[];
}

export function createToolRegistry(options: ToolRegistryOptions): ToolRegistry {
  const compile = createSchemaCompiler();
  // Names that are already provider-safe keep themselves; mapped names must not steal one of them.
  const providerNames = new Set(options.tools.map((definition) => definition.name).filter(isProviderSafeName));
  const registered: RegisteredTool[] = [];
  const seen = new Set<string>();
  for (const definition of options.tools) {
    if (seen.has(definition.name)) throw new TypeError(`tool names must be unique: ${definition.name} is defined twice`);
    seen.add(definition.name);
    const providerName = isProviderSafeName(definition.name) ? definition.name : toProviderName(definition.name, providerNames);
    providerNames.add(providerName);
    registered.push(registerTool(definition, providerName, compile));
  }
  const areas = collectAreas(registered, options.areas ?? []);
  return fromRegistered(registered, areas);
}

function fromRegistered(tools: RegisteredTool[], areas: CapabilityArea[]): ToolRegistry {
  const byName = new Map<string, RegisteredTool>();
  for (const tool of tools) {
    byName.set(tool.name, tool);
    if (!byName.has(tool.providerName)) byName.set(tool.providerName, tool);
  }
  return {
    tools,
    areas,
    get: (name) => byName.get(name),
    specs: (filter) =>
      tools
        .filter((tool) => !filter || filter(tool))
        .map((tool) => ({ name: tool.providerName, description: tool.description, inputSchema: tool.inputSchema })),
    subset: (filter) => {
      const kept = tools.filter(filter);
      return fromRegistered(kept, areas.filter((area) => kept.some((tool) => tool.area === area.name)));
    },
  };
}

function registerTool(
  definition: ToolDefinition,
  providerName: string,
  compile: ReturnType<typeof createSchemaCompiler>,
): RegisteredTool {
  const owner = `tool ${definition.name}`;
  const inputSchema = toJsonSchema(definition.input, owner);
  const outputSchema = definition.output ? toJsonSchema(definition.output, `${owner} (output)`) : undefined;
  const fields = {
    name: definition.name,
    providerName,
    description: definition.description,
    area: definition.area,
    risk: definition.risk,
    inputSchema,
    outputSchema,
    idempotent: definition.idempotent ?? false,
    honorsIdempotencyKey: definition.honorsIdempotencyKey ?? false,
    timeoutMs: definition.timeoutMs,
    retries: definition.retries ?? (definition.idempotent ? 2 : 0),
    sensitive: definition.sensitive ?? [],
    sensitiveResult: definition.sensitiveResult ?? [],
    trust: definition.trust ?? "trusted",
    outputOnly: definition.outputOnly ?? false,
    steers: Object.fromEntries(Object.entries(definition.steers ?? {}).map(([pointer, spec]) => [pointer, typeof spec === "string" ? { kind: spec } : spec])),
    untrustedFields: definition.untrustedFields ?? [],
  };
  return {
    ...fields,
    digest: toolDefinitionDigest(fields),
    validateInput: compile(inputSchema, owner),
    parseInput: isZodSchema(definition.input) ? zodParser(definition.input) : undefined,
    execute: async (args, context) => definition.execute(args, context),
  };
}

function zodParser(schema: ZodType): RegisteredTool["parseInput"] {
  return (args) => {
    const parsed = schema.safeParse(args);
    if (parsed.success) return { ok: true, value: parsed.data };
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.length === 0 ? "" : `/${issue.path.map((part) => String(part).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`,
        message: issue.message,
      })),
    };
  };
}

function collectAreas(tools: RegisteredTool[], declared: readonly CapabilityArea[]): CapabilityArea[] {
  const areas = new Map(declared.map((area) => [area.name, area]));
  for (const tool of tools) {
    if (!areas.has(tool.area)) areas.set(tool.area, { name: tool.area, description: "" });
  }
  return [...areas.values()];
}
