// Gate stage 3, validate: decoded arguments against the tool's compiled schema; errors carry pointer, expected and received.
import type { JsonValue, ToolError } from "../record/index.js";
import type { ArgumentValidator, RegisteredTool } from "../tool/index.js";
import { abbreviate, describeType, escapePointer } from "./decode-arguments.js";

type AjvError = NonNullable<ArgumentValidator["errors"]>[number];
type Issue = NonNullable<ToolError["issues"]>[number];

export type ValidateResult = { ok: true; value: unknown } | { ok: false; error: ToolError };

export function validateArguments(tool: RegisteredTool, args: JsonValue): ValidateResult {
  if (!tool.validateInput(args)) {
    const issues = dedupe((tool.validateInput.errors ?? []).filter((error) => error.keyword !== "if").map((error) => toIssue(error, args)));
    return { ok: false, error: toToolError(tool.providerName, issues) };
  }
  if (!tool.parseInput) return { ok: true, value: args };
  const parsed = tool.parseInput(args);
  if (parsed.ok) return { ok: true, value: parsed.value };
  const issues = parsed.issues.map((issue) => ({ path: issue.path, message: issue.message, received: abbreviate(render(valueAt(args, issue.path))) }));
  return { ok: false, error: toToolError(tool.providerName, issues) };
}

function toToolError(toolName: string, issues: Issue[]): ToolError {
  const [first, ...rest] = issues;
  const where = (issue: Issue) => (issue.path === "" ? "the arguments" : issue.path);
  const summary = issues.slice(0, 3).map((issue) => `${where(issue)}: ${issue.message}`).join("; ");
  return {
    code: "invalid_arguments",
    message: `invalid arguments for ${toolName}: ${summary}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`,
    ...(first ? { path: first.path, expected: first.expected, received: first.received } : {}),
    ...(rest.length > 0 ? { issues: rest } : {}),
  };
}

/** One Ajv error → one model-facing issue. `required` and `additionalProperties` point at the property itself. */
function toIssue(error: AjvError, args: JsonValue): Issue {
  const params = error.params;
  switch (error.keyword) {
    case "required": {
      const property = String(params.missingProperty);
      return { path: `${error.instancePath}/${escapePointer(property)}`, message: `missing required property "${property}"`, expected: "a value", received: "nothing" };
    }
    case "additionalProperties": {
      const property = String(params.additionalProperty);
      return { path: `${error.instancePath}/${escapePointer(property)}`, message: `unexpected property "${property}"`, expected: "no such property", received: abbreviate(render(valueAt(args, `${error.instancePath}/${escapePointer(property)}`))) };
    }
    case "unevaluatedProperties": {
      const property = String(params.unevaluatedProperty);
      return { path: `${error.instancePath}/${escapePointer(property)}`, message: `unexpected property "${property}"`, expected: "no such property" };
    }
    default: {
      const received = valueAt(args, error.instancePath);
      return {
        path: error.instancePath,
        message: error.message ?? `fails ${error.keyword}`,
        expected: expectedFor(error),
        received: error.keyword === "type" ? `${describeType(received)} ${abbreviate(render(received), 40)}` : abbreviate(render(received)),
      };
    }
  }
}

function expectedFor(error: AjvError): string {
  const params = error.params;
  switch (error.keyword) {
    case "type": return String(params.type);
    case "enum": return `one of ${JSON.stringify(params.allowedValues)}`;
    case "const": return JSON.stringify(params.allowedValue);
    case "format": return `a string in format ${String(params.format)}`;
    case "pattern": return `a string matching ${String(params.pattern)}`;
    case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
      return `a number ${String(params.comparison)} ${String(params.limit)}`;
    case "minLength": case "maxLength": return `${error.keyword === "minLength" ? "at least" : "at most"} ${String(params.limit)} characters`;
    case "minItems": case "maxItems": return `${error.keyword === "minItems" ? "at least" : "at most"} ${String(params.limit)} items`;
    default: return error.message ?? error.keyword;
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let current: unknown = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function render(value: unknown): string {
  if (value === undefined) return "nothing";
  return JSON.stringify(value) ?? String(value);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
