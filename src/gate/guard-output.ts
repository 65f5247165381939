// Gate stage 7, guard output: the result must be JSON, within the size cap (else cut with an explicit marker), and match a declared output schema.
import type { JsonValue, ToolError, ToolOutcome } from "../record/index.js";
import type { ArgumentValidator } from "../tool/index.js";
import type { BoundedJson } from "./bounded-json.js";
import { NotJsonError, serializeBounded } from "./bounded-json.js";

export interface GuardOptions {
  /** Largest serialised result sent to the model, in bytes. Default 64 KiB. */
  maxResultBytes?: number;
  validateOutput?: ArgumentValidator;
}

interface Truncation {
  /** The cap the result met: serialisation stopped there, so its full size was never computed (or held in memory). */
  maxResultBytes: number;
  keptBytes: number;
}

export type GuardResult =
  | { ok: true; outcome: Extract<ToolOutcome, { ok: true }>; truncated?: Truncation }
  | { ok: false; error: ToolError };

export const truncationMarker = "[toolgate: result truncated]";

export function guardOutput(toolName: string, value: unknown, options: GuardOptions = {}): GuardResult {
  const maxBytes = options.maxResultBytes ?? 64 * 1024;
  let serialised: BoundedJson;
  try {
    // The cap is enforced while writing, not after: a huge result costs at most the cap in memory, never its own size again.
    serialised = serializeBounded(value === undefined ? null : value, maxBytes);
  } catch (error) {
    if (error instanceof NotJsonError || error instanceof RangeError) {
      return { ok: false, error: { code: "output_not_serializable", message: `${toolName} returned a result that is not JSON: ${(error as Error).message}` } };
    }
    return { ok: false, error: { code: "output_not_serializable", message: `${toolName} returned a result that could not be serialised: ${(error as Error).message}` } };
  }
  // Under the cap the model gets the parsed copy (plain data, no class instances); over it, the schema sees the value as returned.
  const result = serialised.complete ? (JSON.parse(serialised.text) as JsonValue) : undefined;
  if (options.validateOutput && !options.validateOutput(result ?? value)) {
    const first = options.validateOutput.errors?.[0];
    return {
      ok: false,
      error: { code: "invalid_output", message: `${toolName} returned a result that does not match its declared output schema${first ? `: ${first.instancePath || "result"} ${first.message ?? ""}` : ""}`, path: first?.instancePath },
    };
  }
  if (result !== undefined) return { ok: true, outcome: { ok: true, result } };
  const truncated = { maxResultBytes: maxBytes, keptBytes: serialised.bytes };
  return {
    ok: true,
    truncated,
    // The model sees that it got a part, how much, and that the part is JSON text cut mid-way.
    outcome: { ok: true, result: { [truncationMarker]: { ...truncated, note: `the result is larger than ${maxBytes} bytes; partialJson holds its first ${serialised.bytes} bytes, cut mid-way` }, partialJson: serialised.text } },
  };
}
