// Field-level differences between two environment states: which row and field the model's run left different.
import type { JsonValue } from "../../record/index.js";

export interface StateChange {
  /** e.g. `appointments[id=A-5008].slot_id`, or `appointments[id=A-5008]` for a whole row. */
  path: string;
  /** `missing`: the ground truth has it and the model's state does not; `unexpected`: the other way round. */
  kind: "changed" | "missing" | "unexpected";
  expected?: JsonValue;
  actual?: JsonValue;
}

/** Compares the ground truth's state (`expected`) with the model's (`actual`); rows with an `id` are matched by id. */
export function diffStates(expected: JsonValue, actual: JsonValue): StateChange[] {
  const changes: StateChange[] = [];
  compare(expected, actual, "", changes);
  return changes;
}

function compare(expected: JsonValue | undefined, actual: JsonValue | undefined, path: string, changes: StateChange[]): void {
  if (expected === undefined && actual === undefined) return;
  if (expected === undefined) return void changes.push({ path, kind: "unexpected", actual: actual as JsonValue });
  if (actual === undefined) return void changes.push({ path, kind: "missing", expected });
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (isKeyedRows(expected) && isKeyedRows(actual)) return compareRows(expected, actual, path, changes);
    const length = Math.max(expected.length, actual.length);
    for (let index = 0; index < length; index++) compare(expected[index], actual[index], `${path}[${index}]`, changes);
    return;
  }
  if (isRecord(expected) && isRecord(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) compare(expected[key], actual[key], path === "" ? key : `${path}.${key}`, changes);
    return;
  }
  if (!sameValue(expected, actual)) changes.push({ path, kind: "changed", expected, actual });
}

type Row = { [key: string]: JsonValue } & { id: string | number };

function compareRows(expected: Row[], actual: Row[], path: string, changes: StateChange[]): void {
  const actualById = new Map(actual.map((row) => [String(row.id), row]));
  const expectedIds = new Set(expected.map((row) => String(row.id)));
  for (const row of expected) {
    const rowPath = `${path}[id=${row.id}]`;
    const other = actualById.get(String(row.id));
    if (other === undefined) changes.push({ path: rowPath, kind: "missing", expected: row });
    else compare(row, other, rowPath, changes);
  }
  for (const row of actual) {
    if (!expectedIds.has(String(row.id))) changes.push({ path: `${path}[id=${row.id}]`, kind: "unexpected", actual: row });
  }
}

function isKeyedRows(list: JsonValue[]): list is Row[] {
  return list.every((item) => isRecord(item) && (typeof item.id === "string" || typeof item.id === "number"));
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function isRecord(value: unknown): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** One line per change, for terminals, JUnit failures and the HTML report. */
export function formatStateChange(change: StateChange): string {
  const show = (value: JsonValue | undefined) => JSON.stringify(value);
  if (change.kind === "changed") return `${change.path}: expected ${show(change.expected)}, got ${show(change.actual)}`;
  if (change.kind === "missing") return `${change.path}: missing (expected ${show(change.expected)})`;
  return `${change.path}: unexpected ${show(change.actual)}`;
}
