// Function parameter schemas as cases and BFCL write them, turned into the JSON Schema the tool registry compiles.
import type { JsonSchema } from "../../record/index.js";

const jsonSchemaTypes = new Set(["object", "array", "string", "integer", "number", "boolean", "null"]);

/**
 * BFCL's own mapping from its ("Gorilla") type names to OpenAPI types, used when it sends functions to FC models;
 * an unknown type becomes `string`, as there.
 */
const gorillaToJsonSchema: Record<string, string> = {
  integer: "integer",
  number: "number",
  float: "number",
  string: "string",
  boolean: "boolean",
  bool: "boolean",
  array: "array",
  list: "array",
  dict: "object",
  object: "object",
  tuple: "array",
  any: "string",
  byte: "integer",
  short: "integer",
  long: "integer",
  double: "number",
  char: "string",
  ArrayList: "array",
  Array: "array",
  HashMap: "object",
  Hashtable: "object",
  Queue: "array",
  Stack: "array",
  Any: "string",
  String: "string",
  Bigint: "integer",
};

/**
 * Copies a parameters schema, rewriting BFCL type names (`dict`, `float`, `tuple`, `any`, Java names) into JSON Schema
 * and leaving JSON Schema untouched. A `float` keeps BFCL's hint in its description, since JSON Schema's `number`
 * cannot tell the model that a float is wanted.
 */
export function toParametersJsonSchema(parameters: Record<string, unknown>): JsonSchema {
  const converted = convertNode(structuredClone(parameters));
  if (isRecord(converted) && converted.type === undefined) converted.type = "object";
  return converted as JsonSchema;
}

function convertNode(node: unknown): unknown {
  if (!isRecord(node)) return node;
  const type = node.type;
  if (typeof type === "string" && !jsonSchemaTypes.has(type)) {
    if (type === "float") {
      node.description = `${typeof node.description === "string" ? `${node.description} ` : ""}This is a float type value.`.trimStart();
    }
    node.type = gorillaToJsonSchema[type] ?? "string";
  }
  if (isRecord(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) node.properties[key] = convertNode(child);
  }
  if (isRecord(node.items)) node.items = convertNode(node.items);
  else if (Array.isArray(node.items)) node.items = node.items.map(convertNode);
  if (isRecord(node.additionalProperties)) node.additionalProperties = convertNode(node.additionalProperties);
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const list = node[key];
    if (Array.isArray(list)) node[key] = list.map(convertNode);
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** JSON Schema type names in BFCL's dialect, for the argument checker (which knows `dict` and `float`, not `object` and `number`). */
const jsonSchemaToGorilla: Record<string, string> = { object: "dict", number: "float", integer: "integer", string: "string", boolean: "boolean", array: "array" };

/**
 * Copies a parameters schema into BFCL's dialect. BFCL type names are kept as they are (so `float`, `tuple` and Java
 * types survive); JSON Schema's `object` and `number` become `dict` and `float`; a missing type becomes `any`; the
 * root always has `properties` and `required`.
 */
export function toBfclParameters(parameters: Record<string, unknown>): Record<string, unknown> {
  const converted = toGorillaNode(structuredClone(parameters), true) as Record<string, unknown>;
  // BFCL's checker reads both keys unconditionally; JSON Schema leaves them out when nothing is required.
  converted.properties ??= {};
  converted.required ??= [];
  return converted;
}

function toGorillaNode(node: unknown, root: boolean): unknown {
  if (!isRecord(node)) return node;
  let type = node.type;
  if (Array.isArray(type)) type = type.find((candidate) => candidate !== "null") ?? type[0];
  if (typeof type === "string") node.type = jsonSchemaToGorilla[type] ?? type;
  else node.type = root ? "dict" : "any";
  if (isRecord(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) node.properties[key] = toGorillaNode(child, false);
  }
  if (isRecord(node.items)) node.items = toGorillaNode(node.items, false);
  return node;
}
