// Finds one recorded run in the audit trail by its trace id or a unique prefix of it, for `audit show|export` and `replay`.
import type { AuditEvent, AuditStore } from "../audit/index.js";
import { usageError } from "./cli-error.js";

/** The events of one run, by exact id or by a prefix that names exactly one recorded run. */
export async function readTraceEvents(store: AuditStore, idOrPrefix: string): Promise<{ traceId: string; events: AuditEvent[] }> {
  const exact = await store.read({ traceId: idOrPrefix });
  if (exact.length > 0) return { traceId: idOrPrefix, events: exact };
  const matches = (await store.listTraces({ limit: 100_000 })).filter((run) => run.traceId.startsWith(idOrPrefix));
  if (matches.length === 1) return { traceId: matches[0]!.traceId, events: await store.read({ traceId: matches[0]!.traceId }) };
  if (matches.length > 1) {
    throw usageError(`trace ${idOrPrefix} is ambiguous: ${matches.slice(0, 5).map((run) => run.traceId).join(", ")}${matches.length > 5 ? ", …" : ""}; give more of the id`);
  }
  throw usageError(`no run ${idOrPrefix} in ${store.url}; \`toolgate audit list\` shows the recorded runs (pass --audit if they were recorded elsewhere)`);
}
