// The canned result a case's inline tool returns: the one the case gives, else a minimal value valid for its result schema.
import type { JsonValue } from "../../record/index.js";

/** Without a result schema, a tool still answers with something a model can read as success. */
export const defaultCannedResult: JsonValue = { ok: true };

export function cannedResult(options: { result?: unknown; returns?: Record<string, unknown> }): JsonValue {
  if (options.result !== undefined) return options.result as JsonValue;
  if (options.returns !== undefined) return minimalValue(options.returns, 0);
  return defaultCannedResult;
}

/** The smallest value a schema accepts for the keywords cases use (type, const, enum, required, minItems, minimum). */
function minimalValue(schema: Record<string, unknown>, depth: number): JsonValue {
  if (depth > 32) throw new TypeError("the result schema nests more than 32 levels; give the case a literal `result` instead");
  if ("const" in schema) return schema.const as JsonValue;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as JsonValue;
  if ("default" in schema) return schema.default as JsonValue;
  const type = Array.isArray(schema.type) ? (schema.type.find((candidate) => candidate !== "null") ?? schema.type[0]) : schema.type;
  switch (type) {
    case "object":
    case "dict": {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === "string") : [];
      const value: Record<string, JsonValue> = {};
      for (const key of required) value[key] = minimalValue(isRecord(properties[key]) ? properties[key] : {}, depth + 1);
      return value;
    }
    case "array":
    case "tuple": {
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      const items = isRecord(schema.items) ? schema.items : {};
      return Array.from({ length: count }, () => minimalValue(items, depth + 1));
    }
    case "string": {
      const length = typeof schema.minLength === "number" ? schema.minLength : 0;
      return "x".repeat(length);
    }
    case "integer":
    case "number":
    case "float":
      return typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? Math.floor(schema.exclusiveMinimum) + 1 : 0;
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return defaultCannedResult;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
