// Converts a tool's JSON Schema (2020-12) into the subset node-llama-cpp turns into a GBNF grammar, so generation can only produce well-formed calls.
import type { GbnfJsonSchema } from "node-llama-cpp";
import type { JsonSchema } from "../../record/index.js";

export interface GrammarSchemaOptions {
  /** Cap for strings the schema leaves unbounded: a grammar without one lets a model generate until the token limit. */
  maxStringLength?: number;
  /** Cap for arrays (and free-form maps) the schema leaves unbounded, for the same reason. */
  maxItems?: number;
  /**
   * Integer ranges up to this many values become an enum, because the grammar has no `minimum`/`maximum`:
   * an enum is the only way to make an out-of-range integer impossible rather than merely rejected later.
   */
  maxIntegerEnum?: number;
}

const defaultMaxStringLength = 512;
const defaultMaxItems = 16;
const defaultMaxIntegerEnum = 256;

/**
 * The grammar subset, loosely typed: node-llama-cpp's own `GbnfJsonSchema` type is a deep generic meant for literals,
 * not for schemas built at run time. The result is cast once, at the boundary.
 */
type Gbnf = { [key: string]: unknown };

type Literal = string | number | boolean | null;

interface ConvertState {
  root: JsonSchema;
  options: Required<GrammarSchemaOptions>;
  /** $ref pointers being expanded right now, to detect recursion. */
  expanding: string[];
  /** Recursive pointers and the grammar-local def name each one got. */
  recursive: Map<string, string>;
}

/**
 * Converts a JSON Schema into node-llama-cpp's `GbnfJsonSchema`. Local `$ref`s are inlined (recursive ones become
 * grammar-level `$defs`); keywords the grammar cannot express (pattern, most formats, minimum on non-enumerable
 * ranges, uniqueItems, not, if/then) are dropped, because the gate validates every call with Ajv afterwards. Every
 * string and array gets an upper bound so generation always terminates. Properties are all emitted: the grammar
 * cannot make a key optional, and emitting an optional key is still valid.
 */
export function toGrammarSchema(schema: JsonSchema, options: GrammarSchemaOptions = {}): GbnfJsonSchema {
  const state: ConvertState = {
    root: schema,
    options: {
      maxStringLength: options.maxStringLength ?? defaultMaxStringLength,
      maxItems: options.maxItems ?? defaultMaxItems,
      maxIntegerEnum: options.maxIntegerEnum ?? defaultMaxIntegerEnum,
    },
    expanding: [],
    recursive: new Map(),
  };
  return convert(schema, state) as GbnfJsonSchema;
}

/** The grammar for one call to one of `tools`: `{"name": <const>, "arguments": <schema>}`, a choice when there are several. */
export function toCallGrammarSchema(
  tools: ReadonlyArray<{ name: string; inputSchema: JsonSchema }>,
  options: GrammarSchemaOptions = {},
): GbnfJsonSchema {
  if (tools.length === 0) throw new Error("a constrained tool call needs at least one tool");
  const alternatives = tools.map((tool) => ({
    type: "object",
    properties: { name: { const: tool.name }, arguments: toGrammarSchema(tool.inputSchema, options) },
  }));
  return (alternatives.length === 1 ? alternatives[0] : { oneOf: alternatives }) as GbnfJsonSchema;
}

function convert(input: unknown, state: ConvertState): Gbnf {
  if (input === true || input === undefined) return anyValue(state);
  if (input === false || input === null || typeof input !== "object" || Array.isArray(input)) {
    // `false` admits nothing; the closest finite grammar is null, which Ajv then rejects as it should.
    return { type: "null" };
  }
  const schema = input as JsonSchema;
  const description = typeof schema.description === "string" ? { description: schema.description } : {};

  if (typeof schema.$ref === "string") return withDescription(convertRef(schema, state), description);
  if ("const" in schema) return { ...literalSchema(schema.const, state), ...description };
  if (Array.isArray(schema.enum)) return { ...enumSchema(schema.enum, state), ...description };

  const alternatives = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    // Sibling keywords (e.g. a shared `type` or `properties`) apply to every branch, so fold them in.
    const siblings = omit(schema, ["anyOf", "oneOf", "description"]);
    const branches = alternatives.map((branch) => convert(mergeSchemas([siblings, resolveShallow(branch, state)]), state));
    return branches.length === 1 ? { ...branches[0], ...description } : { oneOf: branches, ...description };
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const parts = [omit(schema, ["allOf"]), ...schema.allOf.map((part) => resolveShallow(part, state))];
    return convert(mergeSchemas(parts), state);
  }

  const types = typeList(schema);
  if (types.length === 0) return { ...anyValue(state), ...description };
  const branches = types.map((type) => convertTyped(type, schema, state));
  return branches.length === 1 ? { ...branches[0], ...description } : { oneOf: branches, ...description };
}

function convertTyped(type: string, schema: JsonSchema, state: ConvertState): Gbnf {
  switch (type) {
    case "string":
      return stringSchema(schema, state);
    case "integer":
      return integerSchema(schema, state);
    case "number":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "null":
      return { type: "null" };
    case "array":
      return arraySchema(schema, state);
    case "object":
      return objectSchema(schema, state);
    default:
      return anyValue(state);
  }
}

function stringSchema(schema: JsonSchema, state: ConvertState): Gbnf {
  const format = schema.format;
  // Only these three formats have a grammar; any other format falls back to a bounded plain string.
  if (format === "date" || format === "time" || format === "date-time") return { type: "string", format };
  const minLength = nonNegativeInteger(schema.minLength) ?? 0;
  const declaredMax = nonNegativeInteger(schema.maxLength);
  const maxLength = declaredMax ?? Math.max(minLength, state.options.maxStringLength);
  return minLength > 0 ? { type: "string", minLength, maxLength } : { type: "string", maxLength };
}

function integerSchema(schema: JsonSchema, state: ConvertState): Gbnf {
  let low = typeof schema.minimum === "number" ? Math.ceil(schema.minimum) : undefined;
  let high = typeof schema.maximum === "number" ? Math.floor(schema.maximum) : undefined;
  if (typeof schema.exclusiveMinimum === "number") low = Math.max(low ?? -Infinity, Math.floor(schema.exclusiveMinimum) + 1);
  if (typeof schema.exclusiveMaximum === "number") high = Math.min(high ?? Infinity, Math.ceil(schema.exclusiveMaximum) - 1);
  const multipleOf = typeof schema.multipleOf === "number" && Number.isInteger(schema.multipleOf) && schema.multipleOf > 0
    ? schema.multipleOf
    : 1;
  if (low !== undefined && high !== undefined && Number.isFinite(low) && Number.isFinite(high) && high >= low) {
    const first = Math.ceil(low / multipleOf) * multipleOf;
    const count = Math.floor((high - first) / multipleOf) + 1;
    if (count >= 1 && count <= state.options.maxIntegerEnum) {
      return { enum: Array.from({ length: count }, (_, index) => first + index * multipleOf) };
    }
  }
  return { type: "integer" };
}

function arraySchema(schema: JsonSchema, state: ConvertState): Gbnf {
  const result: Gbnf = { type: "array" };
  const prefixItems = Array.isArray(schema.prefixItems) ? schema.prefixItems.map((item) => convert(item, state)) : undefined;
  if (prefixItems) result.prefixItems = prefixItems;
  // 2020-12: `items` describes the elements after `prefixItems`; `items: false` closes the tuple.
  if (schema.items === false) {
    result.maxItems = prefixItems?.length ?? 0;
  } else {
    result.items = convert(schema.items, state);
  }
  const minItems = Math.max(nonNegativeInteger(schema.minItems) ?? 0, 0);
  if (minItems > 0) result.minItems = minItems;
  if (result.maxItems === undefined) {
    const declaredMax = nonNegativeInteger(schema.maxItems);
    result.maxItems = declaredMax ?? Math.max(minItems, prefixItems?.length ?? 0, state.options.maxItems);
  }
  return result;
}

function objectSchema(schema: JsonSchema, state: ConvertState): Gbnf {
  const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
  const converted: Record<string, Gbnf> = {};
  for (const [key, value] of Object.entries(properties)) converted[key] = convert(value, state);
  const result: Gbnf = { type: "object", properties: converted };
  const hasProperties = Object.keys(converted).length > 0;
  const additional = schema.additionalProperties;
  // Extra keys are only generated for explicit maps (`additionalProperties: <schema>` and no named properties). Objects
  // with named properties, and bare `{type: "object"}` (usually "no arguments"), get exactly their named keys: always
  // valid, and it keeps the output small.
  if (!hasProperties && (additional === true || isPlainObject(additional))) {
    result.additionalProperties = convert(additional, state);
    const minProperties = nonNegativeInteger(schema.minProperties) ?? 0;
    if (minProperties > 0) result.minProperties = minProperties;
    result.maxProperties = nonNegativeInteger(schema.maxProperties) ?? Math.max(minProperties, state.options.maxItems);
  }
  return result;
}

function convertRef(schema: JsonSchema, state: ConvertState): Gbnf {
  const pointer = schema.$ref as string;
  const siblings = omit(schema, ["$ref", "description", "$defs", "definitions"]);
  const existingName = state.recursive.get(pointer);
  if (state.expanding.includes(pointer)) {
    const name = existingName ?? `ref${state.recursive.size}`;
    state.recursive.set(pointer, name);
    return { $ref: `#/$defs/${name}` };
  }
  const target = resolvePointer(state.root, pointer);
  if (target === undefined) return anyValue(state);
  state.expanding.push(pointer);
  const body = convert(Object.keys(siblings).length > 0 ? mergeSchemas([siblings, target]) : target, state);
  state.expanding.pop();
  const name = state.recursive.get(pointer);
  if (name === undefined) return body;
  // The body refers to itself: hand it to the grammar as a named def, which the grammar supports natively.
  state.recursive.delete(pointer);
  return { oneOf: [body], $defs: { [name]: body } };
}

/** Resolves a local JSON pointer (`#`, `#/$defs/x`, `#/definitions/x`, `#/properties/a/items`); anything else is not inlined. */
function resolvePointer(root: JsonSchema, pointer: string): unknown {
  if (pointer === "#") return root;
  if (!pointer.startsWith("#/")) return undefined;
  let current: unknown = root;
  for (const raw of pointer.slice(2).split("/")) {
    const segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Follows a top-level `$ref` so combinators can merge the target's keywords; nested refs are handled by `convert`. */
function resolveShallow(input: unknown, state: ConvertState): unknown {
  if (!isPlainObject(input)) return input;
  const schema = input as JsonSchema;
  if (typeof schema.$ref !== "string" || state.expanding.includes(schema.$ref)) return schema;
  const target = resolvePointer(state.root, schema.$ref);
  if (!isPlainObject(target)) return schema;
  return mergeSchemas([omit(schema, ["$ref"]), resolveShallow(target, { ...state, expanding: [...state.expanding, schema.$ref] })]);
}

/** A shallow intersection good enough for grammar purposes: later keywords win, properties and required are united. */
function mergeSchemas(parts: unknown[]): JsonSchema {
  const merged: JsonSchema = {};
  for (const part of parts) {
    if (!isPlainObject(part)) continue;
    const schema = part as JsonSchema;
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties" && isPlainObject(value) && isPlainObject(merged.properties)) {
        merged.properties = { ...(merged.properties as object), ...(value as object) };
      } else if (key === "required" && Array.isArray(value) && Array.isArray(merged.required)) {
        merged.required = [...new Set([...(merged.required as unknown[]), ...value])];
      } else {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function literalSchema(value: unknown, state: ConvertState): Gbnf {
  if (value === null || typeof value !== "object") return { const: value as Literal };
  // Structured constants have no literal form in the grammar; spell them out as an exact shape instead.
  if (Array.isArray(value)) {
    return { type: "array", prefixItems: value.map((item) => literalSchema(item, state)), minItems: value.length, maxItems: value.length };
  }
  const properties: Record<string, Gbnf> = {};
  for (const [key, item] of Object.entries(value)) properties[key] = literalSchema(item, state);
  return { type: "object", properties };
}

function enumSchema(values: unknown[], state: ConvertState): Gbnf {
  if (values.length === 0) return { type: "null" };
  if (values.every((value) => value === null || typeof value !== "object")) return { enum: values as Literal[] };
  return { oneOf: values.map((value) => literalSchema(value, state)) };
}

/** Any JSON scalar, bounded: nested free-form values would let a model nest without end. */
function anyValue(state: ConvertState): Gbnf {
  return {
    oneOf: [
      { type: "string", maxLength: state.options.maxStringLength },
      { type: "number" },
      { type: "boolean" },
      { type: "null" },
    ],
  };
}

function typeList(schema: JsonSchema): string[] {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((type): type is string => typeof type === "string");
  // Untyped but shaped: infer from the keywords present, as validators effectively do.
  if (isPlainObject(schema.properties) || schema.additionalProperties !== undefined) return ["object"];
  if (schema.items !== undefined || schema.prefixItems !== undefined) return ["array"];
  return [];
}

function withDescription(schema: Gbnf, description: { description?: string }): Gbnf {
  return "$ref" in schema ? schema : { ...schema, ...description };
}

function omit(schema: JsonSchema, keys: string[]): JsonSchema {
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) if (!keys.includes(key)) result[key] = value;
  return result;
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
