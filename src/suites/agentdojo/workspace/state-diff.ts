// A structural diff of two workspace states, in the categories upstream's checks read from DeepDiff.
// Paths are dot-joined (`inbox.emails.12.read`, list items `participants[3]`): the checks name exactly which record
// or field may change, and anything else changing fails them, as upstream's `set(diff.keys()) == {...}` tests do.

export interface StateDiff {
  dictionary_item_added: string[];
  dictionary_item_removed: string[];
  values_changed: string[];
  type_changes: string[];
  iterable_item_added: Array<{ path: string; value: unknown }>;
  iterable_item_removed: Array<{ path: string; value: unknown }>;
}

export type DiffKind = keyof StateDiff;

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function diffState(pre: unknown, post: unknown): StateDiff {
  const diff: StateDiff = { dictionary_item_added: [], dictionary_item_removed: [], values_changed: [], type_changes: [], iterable_item_added: [], iterable_item_removed: [] };
  const walk = (before: unknown, after: unknown, path: string): void => {
    const kind = kindOf(before);
    if (kind !== kindOf(after)) {
      diff.type_changes.push(path);
      return;
    }
    if (kind === "array") {
      const a = before as unknown[];
      const b = after as unknown[];
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      for (let i = a.length; i < b.length; i++) diff.iterable_item_added.push({ path: `${path}[${i}]`, value: b[i] });
      for (let i = b.length; i < a.length; i++) diff.iterable_item_removed.push({ path: `${path}[${i}]`, value: a[i] });
      return;
    }
    if (kind === "object") {
      const a = before as Record<string, unknown>;
      const b = after as Record<string, unknown>;
      for (const key of Object.keys(b)) if (!(key in a)) diff.dictionary_item_added.push(join(path, key));
      for (const key of Object.keys(a)) {
        if (!(key in b)) diff.dictionary_item_removed.push(join(path, key));
        else walk(a[key], b[key], join(path, key));
      }
      return;
    }
    if (before !== after) diff.values_changed.push(path);
  };
  walk(pre, post, "");
  return diff;
}

/** The categories with at least one entry: upstream compares `set(diff.keys())` against the kinds a task may cause. */
export function changeKinds(diff: StateDiff): Set<DiffKind> {
  return new Set((Object.keys(diff) as DiffKind[]).filter((kind) => diff[kind].length > 0));
}

export function sameSet(actual: Iterable<string>, expected: Iterable<string>): boolean {
  const a = new Set(actual);
  const b = new Set(expected);
  return a.size === b.size && [...a].every((item) => b.has(item));
}
