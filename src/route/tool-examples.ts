// Reads a stored example map (the JSON `toolgate route enrich` writes) back into ToolExamples, checking its shape.
import { RouterConfigError } from "./errors.js";
import type { ToolExamples } from "./types.js";

const shape = 'a JSON object mapping each tool name to a list of example requests, e.g. {"issue_refund": ["refund the double charge"]}';

/** Throws RouterConfigError naming the first misshapen entry; blank examples are dropped, not errors. */
export function parseToolExamples(value: unknown): ToolExamples {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new RouterConfigError(`examples must be ${shape}; got ${describe(value)}`);
  const examples: Record<string, string[]> = {};
  for (const [tool, list] of Object.entries(value)) {
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
      throw new RouterConfigError(`examples for ${JSON.stringify(tool)} must be a list of request strings; got ${describe(list)}. The file must be ${shape}`);
    }
    // Own data properties only: a tool named "__proto__" must not reach the prototype.
    Object.defineProperty(examples, tool, { value: list.filter((item) => item.trim() !== ""), enumerable: true, writable: true, configurable: true });
  }
  return examples;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return value.some((item) => typeof item !== "string") ? "a list holding non-strings" : "a list";
  return value === null ? "null" : typeof value;
}
