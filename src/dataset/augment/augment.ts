// Value-swap augmentation (counterfactual entity swapping, as synthetic function-calling pipelines do): for a row whose
// call argument values appear verbatim in the user's text, write variants in which each such value is replaced, the
// same way everywhere it occurs — user turns, assistant text, call arguments, tool results — by a fresh value of the
// same shape (value-shapes.ts). Each variant is re-verified (schema included) and kept only if it has no error the
// original lacked. Variants keep the original's conversation id, so a split never separates a row from its variants,
// and record their origin and every swap in `meta.extra`. Run it before dedupe and leakage, so both see the variants.
import type { DatasetRecord, JsonObject, JsonValue, RecordMessage } from "../record.js";
import { isJsonObject, toolCallsOf } from "../record.js";
import { seededRandom } from "../mix/seeded-random.js";
import { checkRecord } from "../verify/check-record.js";
import { SchemaCache } from "../verify/schema-cache.js";
import type { ValueShape } from "./value-shapes.js";
import { drawLike, valueShape } from "./value-shapes.js";

export class AugmentOptionsError extends Error {
  override readonly name = "AugmentOptionsError";
}

export interface AugmentOptions {
  /** Variants written per row that has at least one swappable value (the original is kept too). */
  variants: number;
  seed: number;
  /** Values shorter than this (as text) are left alone: "2" or "A" also occur inside unrelated words and numbers. */
  minLength?: number;
  /** Days either way a swapped date may move (default 60). */
  dateSpanDays?: number;
  /** Shapes to swap (default all): e.g. ["date", "number", "digits"] to leave names and free text as they are. */
  shapes?: readonly ValueShape[];
  /** Draws per variant before giving up on it when the re-verification keeps failing (default 4). */
  attempts?: number;
}

interface Swap {
  parameter: string;
  shape: ValueShape;
  from: JsonValue;
  to: JsonValue;
}

export interface AugmentReport {
  rows: number;
  /** Rows with at least one swappable value. */
  swappable: number;
  variants: number;
  rowsAfter: number;
  /** Values swapped, by shape (summed over variants). */
  swapsByShape: Partial<Record<ValueShape, number>>;
  /** Argument values left alone, by reason (counted once per row). */
  skipped: Record<string, number>;
  /** Variants given up on after `attempts` draws, with the defect that kept failing. */
  rejected: { id: string; variant: number; kind: string; field?: string; message: string }[];
  rule: string;
}

const rule =
  "value-swap: each call argument value (string or number, not an enum or const, at least minLength characters) that appears as a whole word in a user turn is replaced consistently in user turns, assistant text, call arguments and tool results by a fresh value of its shape (date: another date within dateSpanDays; number: same significant digits and trailing zeros; digits: each digit run redrawn; other strings: another value of the same tool parameter in the data); variants failing verify are redrawn, then dropped";

/** `value` as it is written in text; JSON numbers as JSON writes them. */
const asText = (value: JsonValue) => (typeof value === "string" ? value : JSON.stringify(value));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A whole-word occurrence: not inside a longer run of letters or digits (S-4 is not in S-45). */
const wordPattern = (texts: readonly string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${texts.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "gu");

/** The parameter schema of a call's argument, when the row's tool declares it. */
function parameterSchema(record: DatasetRecord, tool: string, parameter: string): Record<string, unknown> | undefined {
  const parameters = record.tools.find((entry) => entry.function.name === tool)?.function.parameters as { properties?: Record<string, unknown> } | undefined;
  const schema = parameters?.properties?.[parameter];
  return isJsonObject(schema) ? (schema as Record<string, unknown>) : undefined;
}

const userText = (record: DatasetRecord) => record.messages.filter((message) => message.role === "user").map((message) => message.content).join("\n");

interface Candidate {
  parameter: string;
  value: JsonValue;
  shape: ValueShape;
}

/** The row's swappable argument values (first occurrence of each distinct value), and why the others are not. */
function candidatesOf(record: DatasetRecord, options: Required<Pick<AugmentOptions, "minLength" | "shapes">>, skipped: Record<string, number>): Candidate[] {
  const text = userText(record);
  const seen = new Map<string, Candidate>();
  const skip = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  for (const { call } of toolCallsOf(record)) {
    if (!isJsonObject(call.function.arguments)) continue;
    for (const [name, value] of Object.entries(call.function.arguments)) {
      const parameter = `${call.function.name}.${name}`;
      const shape = valueShape(value);
      if (shape === undefined) {
        skip(typeof value === "boolean" || value === null ? "not a string or number" : "object or array");
        continue;
      }
      const schema = parameterSchema(record, call.function.name, name);
      if (schema && ("enum" in schema || "const" in schema)) {
        skip("enum or const");
        continue;
      }
      const written = asText(value);
      if (written.length < options.minLength) skip("shorter than minLength");
      else if (!options.shapes.includes(shape)) skip(`shape ${shape} not selected`);
      else if (!wordPattern([written]).test(text)) skip("not in the user's text");
      else if (!seen.has(written)) seen.set(written, { parameter, value, shape });
    }
  }
  return [...seen.values()];
}

/** Every value each tool parameter takes in the data: the pool `pooled` shapes draw from. */
function parameterPools(records: readonly DatasetRecord[]): Map<string, JsonValue[]> {
  const pools = new Map<string, Set<string>>();
  for (const record of records) {
    for (const { call } of toolCallsOf(record)) {
      if (!isJsonObject(call.function.arguments)) continue;
      for (const [name, value] of Object.entries(call.function.arguments)) {
        if (typeof value !== "string") continue;
        const key = `${call.function.name}.${name}`;
        if (!pools.has(key)) pools.set(key, new Set());
        pools.get(key)!.add(value);
      }
    }
  }
  return new Map([...pools].map(([key, values]) => [key, [...values].sort()]));
}

/** Replaces whole-word occurrences per `mapping` (all at once, longest first) in every string of a JSON value. */
function replaceIn(value: JsonValue, mapping: Map<string, string>, pattern: RegExp, exact: Map<string, JsonValue>): JsonValue {
  if (typeof value === "string") return exact.get(JSON.stringify(value)) ?? value.replace(pattern, (match) => mapping.get(match) ?? match);
  if (typeof value === "number") return exact.get(JSON.stringify(value)) ?? value;
  if (Array.isArray(value)) return value.map((item) => replaceIn(item, mapping, pattern, exact));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceIn(item, mapping, pattern, exact)]));
  return value;
}

function applySwaps(record: DatasetRecord, swaps: readonly Swap[]): RecordMessage[] {
  const mapping = new Map(swaps.map((swap) => [asText(swap.from), asText(swap.to)]));
  // A call argument equal to a swapped value (same type: the number 2500 is not the string "2500") takes the new value.
  const exact = new Map(swaps.map((swap) => [JSON.stringify(swap.from), swap.to]));
  const pattern = wordPattern([...mapping.keys()].sort((a, b) => b.length - a.length));
  const text = (content: string) => content.replace(pattern, (match) => mapping.get(match) ?? match);
  return record.messages.map((message): RecordMessage => {
    switch (message.role) {
      case "system":
        return message;
      case "user":
        return { ...message, content: text(message.content) };
      case "tool":
        return { ...message, content: text(message.content) };
      case "assistant":
        return {
          ...message,
          content: message.content === null ? null : text(message.content),
          ...(message.tool_calls ? { tool_calls: message.tool_calls.map((call) => ({ ...call, function: { ...call.function, arguments: replaceIn(call.function.arguments, mapping, pattern, exact) } })) } : {}),
        };
    }
  });
}

function validate(options: AugmentOptions): Required<AugmentOptions> {
  const resolved = { minLength: 2, dateSpanDays: 60, shapes: ["date", "number", "digits", "pooled"] as ValueShape[], attempts: 4, ...options };
  if (!Number.isInteger(resolved.variants) || resolved.variants < 1) throw new AugmentOptionsError(`augment: variants must be a whole number ≥ 1, got ${String(options.variants)}`);
  if (!Number.isInteger(resolved.seed)) throw new AugmentOptionsError(`augment: seed must be a whole number, got ${String(options.seed)}`);
  if (!Number.isInteger(resolved.minLength) || resolved.minLength < 1) throw new AugmentOptionsError(`augment: minLength must be a whole number ≥ 1, got ${String(options.minLength)}`);
  if (!(resolved.dateSpanDays >= 1)) throw new AugmentOptionsError(`augment: dateSpanDays must be ≥ 1, got ${String(options.dateSpanDays)}`);
  if (!Number.isInteger(resolved.attempts) || resolved.attempts < 1) throw new AugmentOptionsError(`augment: attempts must be a whole number ≥ 1, got ${String(options.attempts)}`);
  const unknown = resolved.shapes.filter((shape) => !["date", "number", "digits", "pooled"].includes(shape));
  if (unknown.length > 0) throw new AugmentOptionsError(`augment: unknown shape(s) ${unknown.join(", ")} (known: date, number, digits, pooled)`);
  return resolved;
}

/** The input rows in order, each followed by its variants; the report counts what was swapped, skipped and rejected. */
export function augmentRecords(records: readonly DatasetRecord[], options: AugmentOptions): { records: DatasetRecord[]; report: AugmentReport } {
  const settings = validate(options);
  const pools = parameterPools(records);
  const schemas = new SchemaCache();
  const report: AugmentReport = { rows: records.length, swappable: 0, variants: 0, rowsAfter: 0, swapsByShape: {}, skipped: {}, rejected: [], rule };
  const out: DatasetRecord[] = [];
  for (const record of records) {
    out.push(record);
    const candidates = candidatesOf(record, settings, report.skipped);
    if (candidates.length === 0) continue;
    report.swappable += 1;
    // Seeded per row (its id), so a row's variants do not change when other rows are added or removed.
    let state = settings.seed >>> 0;
    for (const char of record.meta.id) state = (Math.imul(state, 31) + char.charCodeAt(0)) >>> 0;
    const random = seededRandom(state);
    const baseline = new Set(checkRecord(record, schemas).filter((defect) => defect.severity === "error").map((defect) => `${defect.kind} ${defect.field ?? ""}`));
    for (let variant = 1; variant <= settings.variants; variant += 1) {
      let kept: DatasetRecord | undefined;
      let failure: { kind: string; field?: string; message: string } | undefined;
      for (let attempt = 0; attempt < settings.attempts && !kept; attempt += 1) {
        const taken = new Set(candidates.map((candidate) => asText(candidate.value)));
        const swaps: Swap[] = [];
        for (const candidate of candidates) {
          const to = drawLike(candidate.value, candidate.shape, random, settings, pools.get(candidate.parameter));
          // A draw equal to another value of the row would merge two values into one; that value stays as it is.
          if (to === undefined || taken.has(asText(to))) continue;
          taken.add(asText(to));
          swaps.push({ parameter: candidate.parameter, shape: candidate.shape, from: candidate.value, to });
        }
        if (swaps.length === 0) {
          failure = { kind: "no-fresh-value", message: "no value of the row could be redrawn (pools hold only this row's values)" };
          continue;
        }
        const candidate: DatasetRecord = {
          ...record,
          messages: applySwaps(record, swaps),
          meta: {
            ...record.meta,
            id: `${record.meta.id}~swap${variant}`,
            conversationId: record.meta.conversationId ?? record.meta.id,
            extra: { ...record.meta.extra, augmentedFrom: record.meta.id, augmentation: { rule: "value-swap", variant, swaps: swaps.map((swap) => ({ ...swap }) as unknown as JsonObject) } },
          },
        };
        const fresh = checkRecord(candidate, schemas).find((defect) => defect.severity === "error" && !baseline.has(`${defect.kind} ${defect.field ?? ""}`));
        if (fresh) failure = { kind: fresh.kind, ...(fresh.field === undefined ? {} : { field: fresh.field }), message: fresh.message };
        else {
          kept = candidate;
          for (const swap of swaps) report.swapsByShape[swap.shape] = (report.swapsByShape[swap.shape] ?? 0) + 1;
        }
      }
      if (kept) {
        out.push(kept);
        report.variants += 1;
      } else if (failure) report.rejected.push({ id: record.meta.id, variant, ...failure });
    }
  }
  report.rowsAfter = out.length;
  return { records: out, report };
}
