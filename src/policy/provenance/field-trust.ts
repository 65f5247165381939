// Field-level trust: JSON-pointer patterns (`*` for any item or property) that split a tool result into trusted and untrusted parts.
import type { JsonValue } from "../../record/index.js";

/** `/appointments/*\/notes` → ["appointments", "*", "notes"]; `""` is the whole value. */
function patternSegments(pattern: string): string[] {
  if (pattern === "") return [];
  if (!pattern.startsWith("/")) throw new Error(`"${pattern}" is not a JSON pointer: it must start with "/" (or be "" for the whole value)`);
  return pattern
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function escapePointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Whether a concrete path (segments) lies at or under one of the patterns. */
function underAny(path: readonly string[], patterns: readonly string[][]): boolean {
  return patterns.some((pattern) => pattern.length <= path.length && pattern.every((segment, index) => segment === "*" || segment === path[index]));
}

/**
 * Walks every leaf (string, number, boolean; object keys count as strings too) of a result that lies outside the
 * untrusted fields, with its JSON pointer. Keys are visited because results like `{ "Le Marais": 4.2 }` name things by key.
 */
export function walkTrustedLeaves(value: JsonValue, untrustedFields: readonly string[], visit: (leaf: string | number, pointer: string) => void): void {
  const patterns = untrustedFields.map(patternSegments);
  const walk = (node: JsonValue, path: string[]) => {
    if (patterns.length > 0 && underAny(path, patterns)) return;
    const pointer = path.length === 0 ? "" : `/${path.map(escapePointerSegment).join("/")}`;
    if (typeof node === "string" || typeof node === "number") return visit(node, pointer);
    if (Array.isArray(node)) return node.forEach((item, index) => walk(item, [...path, String(index)]));
    if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        visit(key, `${pointer}/${escapePointerSegment(key)}`);
        walk(item, [...path, key]);
      }
    }
  };
  walk(value, []);
}

/** The parts of a result inside its untrusted fields, each with its pointer: what taint tracking watches for a trusted tool. */
export function untrustedParts(value: JsonValue, untrustedFields: readonly string[]): Array<{ pointer: string; value: JsonValue }> {
  const patterns = untrustedFields.map(patternSegments);
  const found: Array<{ pointer: string; value: JsonValue }> = [];
  const walk = (node: JsonValue, path: string[]) => {
    if (underAny(path, patterns)) {
      found.push({ pointer: path.length === 0 ? "" : `/${path.map(escapePointerSegment).join("/")}`, value: node });
      return;
    }
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...path, String(index)]));
    else if (node !== null && typeof node === "object") for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
  };
  if (patterns.length > 0) walk(value, []);
  return found;
}

/** Every concrete place in `args` a declared pointer pattern names, with the value there (absent optional arguments give none). */
const segmentCache = new Map<string, string[]>();

export function expandPointer(args: JsonValue, pattern: string): Array<{ pointer: string; value: JsonValue }> {
  // Declared patterns are few and fixed, and this runs on every call: split each once.
  let segments = segmentCache.get(pattern);
  if (!segments) {
    segments = patternSegments(pattern);
    if (segmentCache.size < 10_000) segmentCache.set(pattern, segments);
  }
  // The common case, one plain property (`/to`): no walk.
  if (segments.length === 1 && segments[0] !== "*" && args !== null && typeof args === "object" && !Array.isArray(args)) {
    return Object.hasOwn(args, segments[0]!) ? [{ pointer: pattern, value: args[segments[0]!]! }] : [];
  }
  const found: Array<{ pointer: string; value: JsonValue }> = [];
  const parts = segments;
  const walk = (node: JsonValue, index: number, path: string[]) => {
    if (index === parts.length) {
      found.push({ pointer: path.length === 0 ? "" : `/${path.map(escapePointerSegment).join("/")}`, value: node });
      return;
    }
    const segment = parts[index]!;
    if (Array.isArray(node)) {
      if (segment === "*") node.forEach((item, at) => walk(item, index + 1, [...path, String(at)]));
      else if (/^\d+$/.test(segment) && Number(segment) < node.length) walk(node[Number(segment)]!, index + 1, [...path, segment]);
    } else if (node !== null && typeof node === "object") {
      if (segment === "*") for (const [key, item] of Object.entries(node)) walk(item, index + 1, [...path, key]);
      else if (Object.hasOwn(node, segment)) walk(node[segment]!, index + 1, [...path, segment]);
    }
  };
  walk(args, 0, []);
  return found;
}
