// The JSON Schema of an evaluation case file, generated from the Zod schema the loader validates with (docs/eval-case.schema.json is this, checked in).
import { z } from "zod";
import { evalCaseSchema } from "./case-schema.js";

/**
 * A YAML/JSON case file is a list of cases; each line of a .jsonl file is one item. Generated for what a person
 * writes (`io: "input"`: defaults optional); cross-field rules (messages or turns, one expectation) are the loader's.
 */
export function evalCaseFileJsonSchema(): Record<string, unknown> {
  const item = z.toJSONSchema(evalCaseSchema, { target: "draft-2020-12", unrepresentable: "any", io: "input" });
  const { $schema, ...caseSchema } = item as Record<string, unknown>;
  return {
    $schema,
    title: "toolgate evaluation cases (cases.yaml; each .jsonl line is one item)",
    type: "array",
    minItems: 1,
    items: caseSchema,
  };
}
