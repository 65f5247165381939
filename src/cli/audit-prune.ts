// `toolgate audit prune`: retention by age through store.prune, refused on a trail that does not verify.
import type { ChainedAuditStore, RetentionData } from "../audit/index.js";
import { CliError, exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

export interface PruneFlags {
  olderThan?: string;
  before?: string;
  json?: boolean;
}

const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `90d`, `12h`, `30m`, `2w`, `45s` in milliseconds; a month or a year has no fixed length, so they are spelled in days. */
export function parseRetentionAge(text: string): number {
  const match = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  const amount = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !Number.isSafeInteger(amount) || amount < 1) {
    throw usageError(`--older-than ${text}: not an age; give a whole number and a unit (s, m, h, d, w), e.g. --older-than 90d or --older-than 12h`);
  }
  return amount * unitMs[match[2] as keyof typeof unitMs];
}

/** The ISO time before which events go: from exactly one of --older-than (relative to `now`) and --before. */
export function retentionCutoff(flags: PruneFlags, now: Date): string {
  if ((flags.olderThan === undefined) === (flags.before === undefined)) {
    throw usageError("audit prune needs exactly one of --older-than <age> (e.g. 90d) and --before <ISO time> (e.g. 2026-01-01T00:00:00Z)");
  }
  if (flags.olderThan !== undefined) return new Date(now.getTime() - parseRetentionAge(flags.olderThan)).toISOString();
  const before = flags.before!;
  // A zone is required: a prune a few hours off because of the machine's time zone deletes evidence nobody meant to.
  const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(before.trim()) || /^\d{4}-\d{2}-\d{2}$/.test(before.trim()) ? Date.parse(before) : Number.NaN;
  if (Number.isNaN(ms)) throw usageError(`--before ${before}: not an ISO time with a zone; use e.g. --before 2026-01-01T00:00:00Z`);
  if (ms > now.getTime()) throw usageError(`--before ${before} is in the future, which would remove the whole trail; give a past time, or --older-than <age>`);
  return new Date(ms).toISOString();
}

export async function pruneTrail(store: ChainedAuditStore, before: string, options: { json?: boolean }, io: CliIo): Promise<number> {
  // Pruning a tampered trail could delete the very rows that show the tampering, so the chain must verify first.
  const report = await store.verify();
  if (!report.ok) {
    const problem = report.firstProblem;
    throw new CliError(
      "runtime",
      `refusing to prune ${store.url}: the trail does not verify${problem ? ` (seq ${problem.seq}, ${problem.kind}: ${problem.message})` : ""} — pruning could delete the evidence; investigate with \`toolgate audit verify\` first`,
    );
  }
  const headBefore = await store.head();
  const { removed } = await store.prune({ before });
  const cut = removed === 0 ? undefined : await retentionEvent(store, (headBefore?.headSeq ?? 0) + 1);
  if (options.json) {
    writeLine(
      io.stdout,
      JSON.stringify(
        { store: store.url, before, removed, ...(cut ? { lastRemovedSeq: cut.data.lastRemovedSeq, checkpointSeq: cut.data.checkpointSeq, retentionSeq: cut.seq } : {}) },
        null,
        2,
      ),
    );
    return exitCodes.ok;
  }
  if (cut === undefined) {
    writeLine(io.stdout, `nothing recorded before ${before} in ${store.url}: no events removed`);
    return exitCodes.ok;
  }
  const first = cut.data.lastRemovedSeq - removed + 1;
  writeLine(io.stdout, `removed ${removed} event${removed === 1 ? "" : "s"} recorded before ${before} (seq ${first === cut.data.lastRemovedSeq ? first : `${first}–${cut.data.lastRemovedSeq}`})`);
  writeLine(io.stdout, `checkpoint ${cut.data.checkpointSeq} anchors what remains; retention.pruned ${cut.seq} records the cut, so \`toolgate audit verify\` still checks the rest`);
  return exitCodes.ok;
}

/** The retention event this prune wrote: the first one after the head as it stood before. */
async function retentionEvent(store: ChainedAuditStore, fromSeq: number): Promise<{ seq: number; data: RetentionData }> {
  const [event] = await store.read({ fromSeq, types: ["retention.pruned"], limit: 1 });
  if (event === undefined) throw new CliError("runtime", `the prune of ${store.url} reported removed events but wrote no retention.pruned event; run \`toolgate audit verify\``);
  return { seq: event.seq, data: event.data as RetentionData };
}
