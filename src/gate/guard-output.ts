// Gate stage 7, guard output: the result must be JSON, within the size cap (else cut with an explicit marker), and match a declared output schema.
import type { JsonValue, ToolError, ToolOutcome } from "../record/index.js";
import type { ArgumentValidator } from "../tool/types.js";

export interface GuardOptions {
  /** Largest serialised result sent to the model, in bytes. Default 64 KiB. */
  maxResultBytes?: number;
  validateOutput?: ArgumentValidator;
}

export interface Truncation {
  originalBytes: number;
  keptBytes: number;
}

export type GuardResult =
  | { ok: true; outcome: Extract<ToolOutcome, { ok: true }>; truncated?: Truncation }
  | { ok: false; error: ToolError };

export const truncationMarker = "[toolgate: result truncated]";

export function guardOutput(toolName: string, value: unknown, options: GuardOptions = {}): GuardResult {
  const maxBytes = options.maxResultBytes ?? 64 * 1024;
  let text: string;
  try {
    text = JSON.stringify(value === undefined ? null : value, rejectNonJson) ?? "null";
  } catch (error) {
    return { ok: false, error: { code: "output_not_serializable", message: `${toolName} returned a result that is not JSON: ${(error as Error).message}` } };
  }
  const result = JSON.parse(text) as JsonValue;
  if (options.validateOutput && !options.validateOutput(result)) {
    const first = options.validateOutput.errors?.[0];
    return {
      ok: false,
      error: { code: "invalid_output", message: `${toolName} returned a result that does not match its declared output schema${first ? `: ${first.instancePath || "result"} ${first.message ?? ""}` : ""}`, path: first?.instancePath },
    };
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= maxBytes) return { ok: true, outcome: { ok: true, result } };
  const preview = cutToBytes(text, maxBytes);
  const keptBytes = Buffer.byteLength(preview, "utf8");
  return {
    ok: true,
    truncated: { originalBytes: bytes, keptBytes },
    // The model sees that it got a part, how much, and that the part is JSON text cut mid-way.
    outcome: { ok: true, result: { [truncationMarker]: { originalBytes: bytes, keptBytes }, partialJson: preview } },
  };
}

function rejectNonJson(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === "bigint") throw new TypeError("a BigInt cannot be sent as JSON");
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number`);
  return value;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, "utf8").subarray(0, maxBytes);
  return buffer.toString("utf8").replace(/\uFFFD$/, "");
}
