// The next id of an AgentDojo store (emails, events, files), shared by the travel and workspace ports.

/** The largest numeric id plus one, as a string: upstream's `_get_next_id` for every store (1 when empty). */
export function nextId(store: Readonly<Record<string, unknown>>): string {
  return String(Math.max(0, ...Object.keys(store).map((id) => Number(id)).filter((id) => Number.isFinite(id))) + 1);
}
