// Tests for the JSON Schema → GBNF-schema converter: refs inlined, unsupported keywords dropped, every string and array bounded.
import { describe, expect, it } from "vitest";
import { toCallGrammarSchema, toGrammarSchema } from "./grammar-schema.js";

const convert = (schema: Record<string, unknown>, options = {}) => toGrammarSchema(schema, options) as unknown;

describe("toGrammarSchema", () => {
  it("caps strings without maxLength and keeps declared bounds", () => {
    expect(convert({ type: "string" })).toEqual({ type: "string", maxLength: 512 });
    expect(convert({ type: "string" }, { maxStringLength: 20 })).toEqual({ type: "string", maxLength: 20 });
    expect(convert({ type: "string", minLength: 2, maxLength: 8 })).toEqual({ type: "string", minLength: 2, maxLength: 8 });
    expect(convert({ type: "string", minLength: 900 })).toEqual({ type: "string", minLength: 900, maxLength: 900 });
  });

  it("drops what the grammar cannot express but keeps descriptions and supported formats", () => {
    expect(convert({ type: "string", pattern: "^[a-z]+$", default: "x", description: "slug" })).toEqual({
      type: "string",
      maxLength: 512,
      description: "slug",
    });
    expect(convert({ type: "string", format: "email" })).toEqual({ type: "string", maxLength: 512 });
    expect(convert({ type: "string", format: "date" })).toEqual({ type: "string", format: "date" });
    expect(convert({ type: "number", minimum: 0, maximum: 1 })).toEqual({ type: "number" });
  });

  it("turns small integer ranges into enums so out-of-range values cannot be generated", () => {
    expect(convert({ type: "integer", minimum: 1, maximum: 5 })).toEqual({ enum: [1, 2, 3, 4, 5] });
    expect(convert({ type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 4 })).toEqual({ enum: [1, 2, 3] });
    expect(convert({ type: "integer", minimum: 0, maximum: 100, multipleOf: 25 })).toEqual({ enum: [0, 25, 50, 75, 100] });
    expect(convert({ type: "integer", minimum: 0, maximum: 100_000 })).toEqual({ type: "integer" });
    expect(convert({ type: "integer", minimum: 1 })).toEqual({ type: "integer" });
  });

  it("keeps enum and const, and spells structured constants out as shapes", () => {
    expect(convert({ enum: ["a", 1, null] })).toEqual({ enum: ["a", 1, null] });
    expect(convert({ const: "x" })).toEqual({ const: "x" });
    expect(convert({ const: { a: [1] } })).toEqual({
      type: "object",
      properties: { a: { type: "array", prefixItems: [{ const: 1 }], minItems: 1, maxItems: 1 } },
    });
  });

  it("splits type lists and anyOf into bounded alternatives", () => {
    expect(convert({ type: ["string", "null"] })).toEqual({ oneOf: [{ type: "string", maxLength: 512 }, { type: "null" }] });
    expect(convert({ anyOf: [{ type: "string" }, { type: "integer" }] })).toEqual({
      oneOf: [{ type: "string", maxLength: 512 }, { type: "integer" }],
    });
  });

  it("caps arrays and keeps minItems", () => {
    expect(convert({ type: "array", items: { type: "string", maxLength: 5 } })).toEqual({
      type: "array",
      items: { type: "string", maxLength: 5 },
      maxItems: 16,
    });
    expect(convert({ type: "array", items: { type: "boolean" }, minItems: 2, uniqueItems: true }, { maxItems: 4 })).toEqual({
      type: "array",
      items: { type: "boolean" },
      minItems: 2,
      maxItems: 4,
    });
  });

  it("emits named properties only, and bounded maps for additionalProperties-only objects", () => {
    expect(
      convert({ type: "object", properties: { a: { type: "boolean" } }, required: ["a"], additionalProperties: true }),
    ).toEqual({ type: "object", properties: { a: { type: "boolean" } } });
    expect(convert({ type: "object", additionalProperties: { type: "integer" } }, { maxItems: 3 })).toEqual({
      type: "object",
      properties: {},
      additionalProperties: { type: "integer" },
      maxProperties: 3,
    });
  });

  it("inlines local $refs from $defs, definitions and arbitrary pointers", () => {
    const schema = {
      type: "object",
      properties: {
        home: { $ref: "#/$defs/address" },
        work: { $ref: "#/definitions/address", description: "office" },
        same: { $ref: "#/properties/home" },
      },
      $defs: { address: { type: "object", properties: { city: { type: "string", maxLength: 30 } } } },
      definitions: { address: { type: "object", properties: { zip: { type: "string", maxLength: 5 } } } },
    };
    const address = { type: "object", properties: { city: { type: "string", maxLength: 30 } } };
    expect(convert(schema)).toEqual({
      type: "object",
      properties: {
        home: address,
        work: { type: "object", properties: { zip: { type: "string", maxLength: 5 } }, description: "office" },
        same: address,
      },
    });
  });

  it("turns recursive refs into grammar-level $defs instead of expanding forever", () => {
    const tree = {
      $defs: {
        node: {
          type: "object",
          properties: { label: { type: "string", maxLength: 4 }, children: { type: "array", items: { $ref: "#/$defs/node" } } },
        },
      },
      $ref: "#/$defs/node",
    };
    const result = convert(tree) as { oneOf: unknown[]; $defs: Record<string, unknown> };
    expect(Object.keys(result.$defs)).toEqual(["ref0"]);
    expect(JSON.stringify(result)).toContain('"$ref":"#/$defs/ref0"');
  });

  it("merges allOf parts and folds sibling keywords into anyOf branches", () => {
    expect(
      convert({
        allOf: [
          { type: "object", properties: { a: { type: "boolean" } } },
          { properties: { b: { type: "null" } } },
        ],
      }),
    ).toEqual({ type: "object", properties: { a: { type: "boolean" }, b: { type: "null" } } });
    expect(
      convert({ type: "object", properties: { a: { type: "boolean" } }, anyOf: [{ required: ["a"] }] }),
    ).toEqual({ type: "object", properties: { a: { type: "boolean" } } });
  });

  it("treats an empty schema as a bounded scalar", () => {
    expect(convert({})).toEqual({
      oneOf: [{ type: "string", maxLength: 512 }, { type: "number" }, { type: "boolean" }, { type: "null" }],
    });
  });
});

describe("toCallGrammarSchema", () => {
  it("wraps each tool as {name: const, arguments: schema}, as a choice when several are allowed", () => {
    const one = toCallGrammarSchema([{ name: "a", inputSchema: { type: "object", properties: {} } }]);
    expect(one).toEqual({ type: "object", properties: { name: { const: "a" }, arguments: { type: "object", properties: {} } } });
    const two = toCallGrammarSchema([
      { name: "a", inputSchema: { type: "object" } },
      { name: "b", inputSchema: { type: "object" } },
    ]) as unknown as { oneOf: Array<{ properties: { name: unknown } }> };
    expect(two.oneOf.map((alternative) => alternative.properties.name)).toEqual([{ const: "a" }, { const: "b" }]);
    expect(() => toCallGrammarSchema([])).toThrow(/at least one tool/);
  });
});
