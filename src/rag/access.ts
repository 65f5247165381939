// Who may read a document: its access labels against the caller's principal. A label is `*` (everyone), a role name,
// or `user:<id>`; a document is readable when any of its labels is one the principal holds. No principal holds only `*`.
import type { Principal } from "../record/index.js";

export const everyoneLabel = "*";

/** The labels `principal` may read. */
export function readableLabels(principal: Readonly<Principal> | undefined): string[] {
  if (!principal) return [everyoneLabel];
  return [everyoneLabel, ...(principal.roles ?? []), `user:${principal.id}`];
}

export function mayRead(documentLabels: readonly string[], readable: ReadonlySet<string>): boolean {
  return documentLabels.some((label) => readable.has(label));
}

/** Checks labels given on the command line or in a sidecar: non-empty, no whitespace or commas. */
export function validateAccessLabels(labels: readonly string[], where: string): string[] {
  for (const label of labels) {
    if (!/^[^\s,]+$/.test(label)) throw new RangeError(`${where}: access label "${label}" must be non-empty with no spaces or commas (e.g. "*", "finance", "user:alice")`);
  }
  return [...new Set(labels)];
}
