// Compiles tool argument schemas with Ajv (JSON Schema 2020-12, formats), once per tool.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema } from "../record/index.js";
import type { ArgumentValidator } from "./types.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export function createSchemaCompiler(): (schema: JsonSchema, owner: string) => ArgumentValidator {
  // allErrors: the model gets every problem at once, not one per round-trip.
  // No coercion and no defaults: the gate validates what the model sent, it does not rewrite it.
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
  addFormats(ajv);
  return (schema, owner) => {
    try {
      return ajv.compile(schema) as ArgumentValidator;
    } catch (error) {
      throw new TypeError(`${owner}: the input schema is not valid JSON Schema: ${(error as Error).message}`, { cause: error });
    }
  };
}
