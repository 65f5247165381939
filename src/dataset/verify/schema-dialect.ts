// Finds JSON Schema dialect problems (BFCL's `dict`/`float`/`tuple`/`any`, Python's `str`/`int`/`list(str)`/`Union[…]`)
// and maps the ones with an exact JSON Schema equivalent, so arguments can still be validated and `--fix` can repair.
import { isJsonObject } from "../record.js";

const standardTypes = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/** Foreign type names with an exact JSON Schema meaning. `any` means "no type constraint". */
const exactMapping: Record<string, string | null> = {
  dict: "object",
  str: "string",
  float: "number",
  int: "integer",
  bool: "boolean",
  list: "array",
  tuple: "array",
  any: null,
  Any: null,
  None: "null",
  String: "string",
  Integer: "integer",
  Boolean: "boolean",
  Number: "number",
  Object: "object",
  Array: "array",
};

export interface DialectIssue {
  path: string;
  found: string;
  /** The JSON Schema replacement, `null` for "drop the type", undefined when there is no exact one. */
  replacement?: string | null;
  items?: string;
}

function mapTypeName(type: string): { type?: string | null; items?: string } | undefined {
  if (type in exactMapping) return { type: exactMapping[type] };
  const listOf = /^(?:list|List|tuple|Tuple)[[(](str|int|float|bool|dict|string|integer|number|boolean|object)[\])]$/.exec(type);
  if (listOf) {
    const inner = exactMapping[listOf[1]!] ?? listOf[1]!;
    return { type: "array", items: inner };
  }
  return undefined;
}

/** Every non-standard `type` in a schema, with its exact replacement when there is one. */
export function findDialectIssues(schema: unknown, path = "parameters"): DialectIssue[] {
  const issues: DialectIssue[] = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, `${at}[${index}]`));
      return;
    }
    if (!isJsonObject(node)) return;
    if (typeof node.type === "string" && !standardTypes.has(node.type)) {
      const mapped = mapTypeName(node.type);
      const issue: DialectIssue = { path: `${at}.type`, found: node.type };
      if (mapped) {
        issue.replacement = mapped.type ?? null;
        if (mapped.items !== undefined) issue.items = mapped.items;
      }
      issues.push(issue);
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "properties" && isJsonObject(child)) {
        for (const [name, property] of Object.entries(child)) walk(property, `${at}.properties.${name}`);
      } else if (key === "items" || key === "additionalProperties" || key === "anyOf" || key === "oneOf" || key === "allOf" || key === "prefixItems") {
        walk(child, `${at}.${key}`);
      }
    }
  };
  walk(schema, path);
  return issues;
}

/**
 * A copy of the schema with exact replacements applied; types without one are dropped when `dropUnknown` (used only
 * to validate arguments against a best-effort schema; `--fix` never drops an unknown type).
 */
export function normaliseDialect(schema: unknown, dropUnknown: boolean): { schema: unknown; changed: number; unresolved: number } {
  let changed = 0;
  let unresolved = 0;
  const copy = (node: unknown, inProperties: boolean): unknown => {
    if (Array.isArray(node)) return node.map((child) => copy(child, false));
    if (!isJsonObject(node)) return node;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      // Inside `properties` every key is a parameter name, never a keyword.
      Object.defineProperty(result, key, { value: copy(value, !inProperties && key === "properties"), enumerable: true, writable: true, configurable: true });
    }
    if (!inProperties && typeof node.type === "string" && !standardTypes.has(node.type)) {
      const mapped = mapTypeName(node.type);
      if (mapped) {
        changed += 1;
        if (mapped.type === null || mapped.type === undefined) delete result.type;
        else result.type = mapped.type;
        if (mapped.items !== undefined && result.items === undefined) result.items = { type: mapped.items };
      } else {
        unresolved += 1;
        if (dropUnknown) delete result.type;
      }
    }
    // BFCL writes `"optional": true`/`"default"` on properties: valid keywords to ignore, left as is.
    return result;
  };
  return { schema: copy(schema, false), changed, unresolved };
}
