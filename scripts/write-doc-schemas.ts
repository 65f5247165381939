// Regenerates the JSON Schemas published under docs/ from the Zod schemas they describe (tests check they match).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { evalCaseFileJsonSchema } from "../src/eval/cases/case-json-schema.js";
import { policyDocumentJsonSchema } from "../src/policy/engine/policy-document.js";
import { runtimeConfigJsonSchema } from "../src/runtime/config-schema.js";

const docs = join(import.meta.dirname, "..", "docs");
const schemas: Record<string, Record<string, unknown>> = {
  "eval-case.schema.json": evalCaseFileJsonSchema(),
  "policy.schema.json": policyDocumentJsonSchema(),
  "toolgate.schema.json": runtimeConfigJsonSchema(),
};
for (const [file, schema] of Object.entries(schemas)) {
  writeFileSync(join(docs, file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote docs/${file}`);
}
