// BFCL's parameter dialect into JSON Schema (what the registry compiles) and back into BFCL's dialect (what the checker reads).
import { describe, expect, it } from "vitest";
import { createCustomerServiceCatalog } from "../../examples/index.js";
import { createToolRegistry, defineTool } from "../../tool/index.js";
import { toBfclParameters, toParametersJsonSchema } from "./function-schema.js";

const bfclParameters = {
  type: "dict",
  properties: {
    interval: { type: "array", items: { type: "float" }, description: "Bounds." },
    options: { type: "dict", properties: { precise: { type: "boolean" }, tag: { type: "any" } } },
    point: { type: "tuple", items: { type: "integer" } },
    count: { type: "long" },
  },
  required: ["interval"],
};

describe("toParametersJsonSchema", () => {
  it("rewrites BFCL types as BFCL does for FC models, keeping a float hint", () => {
    expect(toParametersJsonSchema(bfclParameters)).toEqual({
      type: "object",
      properties: {
        interval: { type: "array", items: { type: "number", description: "This is a float type value." }, description: "Bounds." },
        options: { type: "object", properties: { precise: { type: "boolean" }, tag: { type: "string" } } },
        point: { type: "array", items: { type: "integer" } },
        count: { type: "integer" },
      },
      required: ["interval"],
    });
    // The input is not touched: the checker still needs the declared types.
    expect(bfclParameters.properties.interval.items.type).toBe("float");
  });

  it("leaves JSON Schema as it is, and the registry compiles the result", () => {
    const schema = { type: "object", properties: { when: { type: ["string", "null"], format: "date" } }, additionalProperties: false };
    expect(toParametersJsonSchema(schema)).toEqual(schema);
    const registry = createToolRegistry({
      tools: [defineTool({ name: "f", description: "F.", area: "a", risk: "read", input: toParametersJsonSchema(bfclParameters), execute: () => 1 })],
    });
    expect(registry.get("f")?.validateInput({ interval: [1.5, 2] })).toBe(true);
    expect(registry.get("f")?.validateInput({ interval: "x" })).toBe(false);
  });
});

describe("toBfclParameters", () => {
  it("keeps BFCL types and maps JSON Schema's object/number to dict/float", () => {
    expect(toBfclParameters(bfclParameters)).toEqual(bfclParameters);
    expect(
      toBfclParameters({ type: "object", properties: { n: { type: "number" }, o: { type: "object", properties: { x: { type: ["integer", "null"] } } }, free: {} } }),
    ).toEqual({ type: "dict", properties: { n: { type: "float" }, o: { type: "dict", properties: { x: { type: "integer" } } }, free: { type: "any" } }, required: [] });
  });

  it("gives every catalog tool's schema the keys BFCL's checker reads", () => {
    const catalog = createCustomerServiceCatalog();
    try {
      const registry = createToolRegistry({ tools: catalog.tools });
      for (const tool of registry.tools) {
        const converted = toBfclParameters(tool.inputSchema);
        expect(converted, tool.name).toMatchObject({ type: "dict", properties: expect.any(Object), required: expect.any(Array) });
      }
    } finally {
      catalog.close();
    }
  });
});
