// Turns a tool's input (Zod or JSON Schema) into the canonical JSON Schema 2020-12 the rest of toolgate uses.
import { z } from "zod";
import type { ZodType } from "zod";
import type { JsonSchema } from "../record/index.js";

const jsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema";

export function isZodSchema(value: unknown): value is ZodType {
  return value instanceof z.ZodType;
}

/** Zod goes through Zod's own converter (input side: what the caller must send); JSON Schema is copied. */
export function toJsonSchema(schema: ZodType | JsonSchema, owner: string): JsonSchema {
  const converted: JsonSchema = isZodSchema(schema)
    ? (z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "throw" }) as JsonSchema)
    : structuredClone(schema);
  if (converted.type !== "object") {
    throw new TypeError(`${owner}: the input schema must describe an object (function arguments are named), got type ${JSON.stringify(converted.type)}`);
  }
  return { $schema: jsonSchemaDialect, ...converted };
}
