// Compiles tool schemas with Ajv once per distinct schema (datasets repeat one tool block on every row), after mapping
// dialect types, so arguments are checked even when a source writes `dict`/`float`/`str`.
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import { normaliseDialect } from "./schema-dialect.js";

export type SchemaCheck = { ok: true; validate: ValidateFunction } | { ok: false; error: string };

// One Ajv and one cache of compiled validators for the process: building Ajv compiles the 2020-12 meta-schema (a few
// milliseconds), and the same tool schemas come back file after file (recipes, verify then dedupe, tests).
const sharedAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const sharedCompiled = new Map<string, SchemaCheck>();
const sharedChecked = new Map<string, string | undefined>();
const sharedByTool = new Map<string, SchemaCheck>();

export class SchemaCache {
  private readonly ajv = sharedAjv;
  private readonly compiled = sharedCompiled;
  private readonly checked = sharedChecked;

  /**
   * Whether a schema is valid JSON Schema (after dialect mapping), without compiling a validator: compiling generates
   * code and costs milliseconds, so only schemas of tools that are actually called get compiled (see `get`).
   */
  problem(schema: unknown): string | undefined {
    const key = JSON.stringify(schema);
    if (this.checked.has(key)) return this.checked.get(key);
    const { schema: normalised } = normaliseDialect(schema, true);
    let problem: string | undefined;
    try {
      if (!this.ajv.validateSchema(stripIds(normalised) as object)) problem = this.ajv.errorsText(this.ajv.errors);
    } catch (error) {
      problem = (error as Error).message;
    }
    if (this.checked.size > 10_000) this.checked.clear();
    this.checked.set(key, problem);
    return problem;
  }

  /** Tool-level defects (names, dialect, schema validity) depend only on the tool and its position: computed once. */
  private readonly toolDefects = new Map<string, unknown>();
  cachedToolCheck<T>(key: string, compute: () => T): T {
    let value = this.toolDefects.get(key) as T | undefined;
    if (value === undefined) {
      value = compute();
      if (this.toolDefects.size > 10_000) this.toolDefects.clear();
      this.toolDefects.set(key, value);
    }
    return value;
  }

  /** The validator of a tool's parameters, looked up by the tool's own serialisation when the caller has it already. */
  forTool(toolKey: string | undefined, parameters: unknown): SchemaCheck {
    if (toolKey === undefined) return this.get(parameters);
    let check = sharedByTool.get(toolKey);
    if (check === undefined) {
      check = this.get(parameters);
      if (sharedByTool.size > 10_000) sharedByTool.clear();
      sharedByTool.set(toolKey, check);
    }
    return check;
  }

  get(schema: unknown): SchemaCheck {
    // JSON.stringify, not canonical JSON: the same schema repeated on every row serialises identically and this is
    // several times cheaper; a key-order difference only costs one more compile.
    const key = JSON.stringify(schema);
    let check = this.compiled.get(key);
    if (check === undefined) {
      try {
        const { schema: normalised } = normaliseDialect(schema, true);
        check = { ok: true, validate: this.ajv.compile(stripIds(normalised) as object) };
      } catch (error) {
        check = { ok: false, error: (error as Error).message };
      }
      if (this.compiled.size > 10_000) this.compiled.clear(); // bounded: a million distinct schemas must not pile up
      this.compiled.set(key, check);
    }
    return check;
  }
}

/** `$id`/`$schema` would make Ajv register (and refuse to re-register) schemas; validation does not need them. */
function stripIds(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const { $id: _id, $schema: _schema, ...rest } = schema as Record<string, unknown>;
  void _id;
  void _schema;
  return rest;
}

export function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "arguments" : `arguments${error.instancePath.replace(/\//g, ".")}`;
  if (error.keyword === "required") return `${where}: missing required ${JSON.stringify((error.params as { missingProperty: string }).missingProperty)}`;
  if (error.keyword === "additionalProperties") return `${where}: unknown parameter ${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)}`;
  if (error.keyword === "enum") return `${where}: ${error.message ?? "not an allowed value"} ${JSON.stringify((error.params as { allowedValues: unknown }).allowedValues)}`;
  return `${where}: ${error.message ?? error.keyword}`;
}
