// Audit events as JSON Lines: one stored event per line, hashes included, so a copy can be re-verified elsewhere.
import type { AuditEvent } from "./types.js";

/** Lines in chain order, each ending in a newline; an empty string for no events. */
export function auditEventsToJsonl(events: readonly AuditEvent[]): string {
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((event) => `${JSON.stringify(event)}\n`)
    .join("");
}

/** Reads lines written by auditEventsToJsonl back; blank lines are skipped, a malformed line names its number. */
export function parseAuditJsonl(text: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      events.push(JSON.parse(line) as AuditEvent);
    } catch (error) {
      throw new SyntaxError(`line ${index + 1} is not JSON (${error instanceof Error ? error.message : String(error)}); export it again with \`toolgate audit export --format jsonl\``, { cause: error });
    }
  });
  return events;
}
