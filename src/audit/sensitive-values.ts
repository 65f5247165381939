// Value-based redaction: a value declared sensitive anywhere in a run is redacted wherever it shows up in that run's later events.
import type { CallRecord, JsonValue } from "../record/index.js";
import { formatJsonPointer, parseJsonPointer } from "./json-pointer.js";

/**
 * A tool declares which of its arguments (`sensitive`) and result fields (`sensitiveResult`) are sensitive; redacting
 * only there leaves the same e-mail address in clear in another tool's result, in effects, in a later call's text.
 * So the values found there are remembered per run, and every event of the run written from then on has each string
 * that contains one of them redacted as a whole (the store keeps a keyed digest, so equal values stay comparable).
 * Values shorter than `minLength` are not remembered: redacting every "42" or "yes" would hide the record, not a secret.
 * Only strings are matched (numbers, counts and durations stay), and values first seen before any declaration made them
 * sensitive stay as they were written: the chain cannot be rewritten, so declare result fields sensitive at the source.
 */
export interface SensitiveValues {
  /** Remembers the values under these pointers of the call's arguments and of its result. */
  learn(call: CallRecord, argumentPointers: readonly string[], resultPointers: readonly string[]): void;
  /** Pointers (into `data`) of every string that contains a value remembered for the run. */
  pointersIn(traceId: string, data: JsonValue): string[];
  /** The values remembered for the run (trimmed, lower-cased), for stores that mask them inside text (content capture). */
  valuesOf(traceId: string): readonly string[];
  /** Forgets a finished run. */
  forget(traceId: string): void;
}

export interface SensitiveValuesOptions {
  minLength?: number;
  /** Runs remembered at once; the oldest is forgotten past this. */
  maxRuns?: number;
}

export function sensitiveValues(options: SensitiveValuesOptions = {}): SensitiveValues {
  const minLength = options.minLength ?? 4;
  const maxRuns = options.maxRuns ?? 1000;
  const byRun = new Map<string, Set<string>>();

  const remember = (traceId: string, value: JsonValue | undefined) => {
    if (value === undefined || value === null) return;
    let known = byRun.get(traceId);
    if (!known) {
      if (byRun.size >= maxRuns) byRun.delete(byRun.keys().next().value!);
      known = new Set();
      byRun.set(traceId, known);
    }
    const add = (leaf: JsonValue) => {
      if (typeof leaf === "string" && leaf.trim().length >= minLength) known!.add(leaf.trim().toLowerCase());
      else if (typeof leaf === "number" && String(leaf).length >= minLength) known!.add(String(leaf));
      else if (leaf !== null && typeof leaf === "object") for (const child of Object.values(leaf)) add(child);
    };
    add(value);
  };

  return {
    learn(call, argumentPointers, resultPointers) {
      for (const pointer of argumentPointers) remember(call.traceId, at(call.arguments, pointer));
      if (call.outcome.ok) for (const pointer of resultPointers) remember(call.traceId, at(call.outcome.result, pointer));
    },
    pointersIn(traceId, data) {
      const known = byRun.get(traceId);
      if (!known || known.size === 0) return [];
      const found: string[] = [];
      const walk = (value: JsonValue, tokens: string[]) => {
        if (typeof value === "string") {
          if (tokens.length === 1 && structuralFields.has(tokens[0]!)) return;
          const text = value.toLowerCase();
          for (const secret of known) {
            if (text.includes(secret)) {
              found.push(formatJsonPointer(tokens));
              return;
            }
          }
        } else if (Array.isArray(value)) {
          value.forEach((item, index) => walk(item, [...tokens, String(index)]));
        } else if (value !== null && typeof value === "object") {
          for (const [key, child] of Object.entries(value)) walk(child, [...tokens, key]);
        }
      };
      walk(data, []);
      return found;
    },
    valuesOf(traceId) {
      return [...(byRun.get(traceId) ?? [])];
    },
    forget(traceId) {
      byRun.delete(traceId);
    },
  };
}

/** Top-level fields that name things rather than hold data (tool, stage, status…): never redacted, so the record stays readable. */
const structuralFields = new Set(["toolName", "name", "status", "stage", "outcome", "ruleId", "modelCallId", "callDigest", "toolDigest", "area", "risk", "model"]);

/** The value under a pointer (`*` matches every item or property), merged into an array when it matches several. */
function at(root: JsonValue | undefined, pointer: string): JsonValue | undefined {
  if (root === undefined) return undefined;
  let nodes: JsonValue[] = [root];
  for (const token of parseJsonPointer(pointer, "sensitive")) {
    const next: JsonValue[] = [];
    for (const node of nodes) {
      if (node === null || typeof node !== "object") continue;
      if (token === "*") next.push(...Object.values(node));
      else if (Array.isArray(node) ? /^\d+$/.test(token) && Number(token) < node.length : Object.hasOwn(node, token)) next.push((node as Record<string, JsonValue>)[token]!);
    }
    nodes = next;
  }
  return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : nodes;
}
