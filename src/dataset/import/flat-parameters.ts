// Turns xLAM/Hammer flat parameter maps (`{param: {type, description, required?, default?}}`) into a JSON Schema object.
// Type names are kept as written (`str`, `list(str)`, `Union[...]`): verify reports them as dialect problems and
// `verify --fix` maps the ones with an exact JSON Schema equivalent, so the importer never guesses silently.
import type { RecordJsonSchema } from "../record.js";
import { isJsonObject } from "../record.js";
import type { RowContext } from "./row-builder.js";

/** True when `parameters` already is a JSON Schema object (`type: "object"`/`"dict"` with `properties`). */
function isObjectSchema(parameters: unknown): boolean {
  return isJsonObject(parameters) && (parameters.type === "object" || parameters.type === "dict") && (parameters.properties === undefined || isJsonObject(parameters.properties));
}

export function flatParametersToSchema(parameters: unknown, toolRequired: unknown, context: RowContext, field: string): RecordJsonSchema {
  if (isObjectSchema(parameters)) return parameters as RecordJsonSchema;
  const properties: Record<string, unknown> = {};
  const required: string[] = Array.isArray(toolRequired) ? toolRequired.filter((name): name is string => typeof name === "string") : [];
  if (isJsonObject(parameters)) {
    let flags = 0;
    for (const [name, spec] of Object.entries(parameters)) {
      if (!isJsonObject(spec)) {
        properties[name] = {};
        continue;
      }
      const { required: flag, ...rest } = spec;
      if (flag === true) {
        flags += 1;
        if (!required.includes(name)) required.push(name);
      }
      // xLAM marks optional parameters in the type text: "str, optional".
      if (typeof rest.type === "string" && /,\s*optional$/.test(rest.type)) rest.type = rest.type.replace(/,\s*optional$/, "");
      properties[name] = rest;
    }
    if (flags > 0) context.repair("required-flag-moved", field, `${flags} per-parameter "required": true flag(s) moved into the schema's required list`);
  }
  const schema: RecordJsonSchema = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  return schema;
}
