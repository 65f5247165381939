// Provider schema dialects, converted in one place: OpenAI strict mode, Anthropic, Gemini (OpenAPI 3.0 subset).
import type { JsonSchema } from "../record/index.js";

export type SchemaDialect = "json-schema" | "openai-strict" | "anthropic" | "gemini";

type Node = { [key: string]: unknown };

/** Converts a canonical (2020-12) argument schema into what a provider accepts. The input is never mutated. */
export function toProviderSchema(schema: JsonSchema, dialect: SchemaDialect): JsonSchema {
  const { $schema: _dialect, ...body } = structuredClone(schema);
  switch (dialect) {
    case "json-schema":
      return schema;
    case "anthropic":
      // Anthropic takes JSON Schema as is for `input_schema`, minus the meta-schema reference.
      return body;
    case "openai-strict":
      return toOpenAiStrict(body);
    case "gemini":
      return toGemini(inlineRefs(body, body));
  }
}

/**
 * OpenAI strict mode: every object lists all its properties as required and forbids others, so optional
 * properties become nullable. `fromOpenAiStrictArguments` undoes that on the way back.
 */
function toOpenAiStrict(node: Node): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "default" || key === "$schema") continue;
    out[key] = mapSubschemas(key, value, toOpenAiStrict);
  }
  if (isObjectSchema(out) && isRecord(out.properties)) {
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
    const properties: Node = {};
    for (const [name, property] of Object.entries(out.properties as Node)) {
      properties[name] = required.has(name) ? property : makeNullable(property as Node);
    }
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

/** Strict-mode replies send `null` for optional properties the model left out; drop those nulls again. */
export function fromOpenAiStrictArguments(schema: JsonSchema, args: unknown, root: JsonSchema = schema): unknown {
  const node = dereference(schema, root);
  if (Array.isArray(args) && isRecord(node.items)) return args.map((item) => fromOpenAiStrictArguments(node.items as Node, item, root));
  if (!isRecord(args) || !isRecord(node.properties)) return args;
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const out: Node = {};
  for (const [name, value] of Object.entries(args)) {
    const property = (node.properties as Node)[name];
    if (value === null && !required.has(name) && !acceptsNull(isRecord(property) ? dereference(property, root) : property)) continue;
    out[name] = isRecord(property) ? fromOpenAiStrictArguments(property, value, root) : value;
  }
  return out;
}

function dereference(node: Node, root: Node): Node {
  return typeof node.$ref === "string" ? dereference(resolvePointer(root, node.$ref), root) : node;
}

/** Gemini's function declarations use an OpenAPI 3.0 subset: no $ref, no const, no type arrays, no additionalProperties. */
function toGemini(node: Node): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (["$schema", "$defs", "definitions", "additionalProperties", "$id", "$comment", "examples", "default"].includes(key)) continue;
    if (key === "const") {
      out.enum = [value];
      continue;
    }
    if (key === "type" && Array.isArray(value)) {
      const types = value.filter((type) => type !== "null");
      out.type = types[0];
      if (types.length < value.length) out.nullable = true;
      continue;
    }
    out[key] = mapSubschemas(key, value, toGemini);
  }
  return out;
}

function inlineRefs(node: unknown, root: Node, depth = 0): Node {
  if (depth > 32) throw new TypeError("schema $ref nesting is too deep (recursive schemas cannot be expressed for this provider)");
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, root, depth + 1)) as unknown as Node;
  if (!isRecord(node)) return node as Node;
  if (typeof node.$ref === "string") {
    const target = resolvePointer(root, node.$ref);
    const { $ref: _ref, ...rest } = node;
    return inlineRefs({ ...target, ...rest }, root, depth + 1);
  }
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) out[key] = inlineRefs(value, root, depth + 1);
  return out;
}

function resolvePointer(root: Node, ref: string): Node {
  if (!ref.startsWith("#")) throw new TypeError(`only local $refs can be inlined, got ${ref}`);
  let current: unknown = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    current = isRecord(current) ? current[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  if (!isRecord(current)) throw new TypeError(`$ref ${ref} does not resolve inside the schema`);
  return current;
}

const schemaMapKeys = new Set(["properties", "$defs", "definitions", "patternProperties"]);
const schemaListKeys = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const schemaValueKeys = new Set(["items", "additionalProperties", "not", "contains"]);

function mapSubschemas(key: string, value: unknown, convert: (node: Node) => Node): unknown {
  if (schemaMapKeys.has(key) && isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, isRecord(child) ? convert(child) : child]));
  }
  if (schemaListKeys.has(key) && Array.isArray(value)) return value.map((child) => (isRecord(child) ? convert(child) : child));
  if (schemaValueKeys.has(key) && isRecord(value)) return convert(value);
  return value;
}

function makeNullable(property: Node): Node {
  if (acceptsNull(property)) return property;
  if (typeof property.type === "string") {
    const nullable: Node = { ...property, type: [property.type, "null"] };
    if (Array.isArray(property.enum)) nullable.enum = [...property.enum, null];
    return nullable;
  }
  return { anyOf: [property, { type: "null" }] };
}

function acceptsNull(property: unknown): boolean {
  if (!isRecord(property)) return false;
  if (property.type === "null") return true;
  if (Array.isArray(property.type) && property.type.includes("null")) return true;
  return Array.isArray(property.anyOf) && property.anyOf.some(acceptsNull);
}

function isObjectSchema(node: Node): boolean {
  return node.type === "object" || (Array.isArray(node.type) && node.type.includes("object"));
}

function isRecord(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
