import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { fromOpenAiStrictArguments, toProviderSchema } from "./provider-dialects.js";

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    city: { type: "string", default: "Paris" },
    unit: { type: "string", enum: ["c", "f"] },
    when: { $ref: "#/$defs/date" },
    tags: { type: "array", items: { type: "object", properties: { k: { type: "string" }, v: { const: 1 } }, required: ["k"] } },
  },
  required: ["city"],
  $defs: { date: { type: ["string", "null"], format: "date" } },
};

describe("toProviderSchema", () => {
  it("OpenAI strict: every property required, optional ones nullable, no extra properties, at every depth", () => {
    const strict = toProviderSchema(schema, "openai-strict");
    expect(strict.$schema).toBeUndefined();
    expect(strict.required).toEqual(["city", "unit", "when", "tags"]);
    expect(strict.additionalProperties).toBe(false);
    const properties = strict.properties as Record<string, Record<string, unknown>>;
    expect(properties.city).toEqual({ type: "string" });
    expect(properties.unit).toEqual({ type: ["string", "null"], enum: ["c", "f", null] });
    expect(properties.tags!.type).toEqual(["array", "null"]);
    const item = properties.tags!.items as Record<string, unknown>;
    expect(item).toMatchObject({ required: ["k", "v"], additionalProperties: false });
    // The converted schema is itself valid JSON Schema and accepts a strict-mode reply.
    const validate = new Ajv2020({ strict: false }).compile(strict);
    expect(validate({ city: "Oslo", unit: null, when: null, tags: null })).toBe(true);
  });

  it("OpenAI strict replies map back: nulls for optional properties are dropped", () => {
    expect(fromOpenAiStrictArguments(schema, { city: "Oslo", unit: null, when: null, tags: [{ k: "a", v: null }] })).toEqual({ city: "Oslo", when: null, tags: [{ k: "a" }] });
  });

  it("Anthropic: the schema as is, without the meta-schema reference", () => {
    const anthropic = toProviderSchema(schema, "anthropic");
    const { $schema: _omit, ...rest } = schema;
    expect(anthropic).toEqual(rest);
  });

  it("Gemini: refs inlined, const as enum, nullable instead of type arrays, no additionalProperties", () => {
    const gemini = toProviderSchema({ ...schema, additionalProperties: false }, "gemini");
    const text = JSON.stringify(gemini);
    expect(text).not.toMatch(/\$ref|\$defs|\$schema|additionalProperties|"const"|"default"/);
    const properties = gemini.properties as Record<string, Record<string, unknown>>;
    expect(properties.when).toEqual({ type: "string", nullable: true, format: "date" });
    expect(((properties.tags!.items as Record<string, unknown>).properties as Record<string, unknown>).v).toEqual({ enum: [1] });
  });

  it("leaves the input untouched", () => {
    const before = JSON.stringify(schema);
    toProviderSchema(schema, "openai-strict");
    toProviderSchema(schema, "gemini");
    expect(JSON.stringify(schema)).toBe(before);
  });
});
