// The tamper matrix: what an attacker with database access but without the key can do to a recorded store, as direct SQL.
import type { StoredEventRow } from "../chain.js";
import { linkEvent, recomputeHash } from "../chain.js";
import { signCheckpoint } from "../checkpoint.js";
import { eventColumns, eventRowFrom } from "../sql-shape.js";
import type { AuditSigner } from "../signer.js";
import type { VerifyReport } from "../types.js";
import type { RawSql } from "./raw-sql.js";

type Kind = NonNullable<VerifyReport["firstProblem"]>["kind"];

export interface TamperCase {
  name: string;
  /** Where verify must point, and with what kind of problem. */
  expected: { seq: number; kind: Kind };
  apply(raw: RawSql): Promise<void>;
}

/** Changes one character, keeping hex strings hex and digits digits, so only one byte differs. */
function flipOneByte(text: string, index: number): string {
  const char = text[index]!;
  const replacement = /[0-9]/.test(char) ? String((Number(char) + 1) % 10) : /[a-f]/.test(char) ? (char === "a" ? "b" : "a") : char === "x" ? "y" : "x";
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

export async function readRow(raw: RawSql, seq: number): Promise<StoredEventRow> {
  const [row] = await raw.all(`SELECT ${eventColumns} FROM ${raw.events} WHERE seq = ?`, [seq]);
  if (row === undefined) throw new Error(`no event ${seq} to tamper with`);
  return eventRowFrom(row);
}

async function editColumn(raw: RawSql, seq: number, column: string, edit: (value: string) => string): Promise<void> {
  const [row] = await raw.all(`SELECT ${column} AS value FROM ${raw.events} WHERE seq = ?`, [seq]);
  const before = String(row!.value);
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${column} at ${seq} changed nothing`);
  await raw.run(`UPDATE ${raw.events} SET ${column} = ? WHERE seq = ?`, [after, seq]);
}

/** What a forger without the key does best: change events from `seq` on and recompute every hash after them. */
export async function rewriteFrom(raw: RawSql, seq: number, change: (row: StoredEventRow) => void): Promise<void> {
  const rows = (await raw.all(`SELECT ${eventColumns} FROM ${raw.events} WHERE seq >= ? ORDER BY seq`, [seq - 1])).map(eventRowFrom);
  let previous = rows.shift()!.hash;
  for (const row of rows) {
    if (row.seq === seq) {
      const before = JSON.stringify(row);
      change(row);
      if (JSON.stringify(row) === before) throw new Error(`the rewrite of event ${seq} changed nothing`);
    }
    row.prevHash = previous;
    row.hash = recomputeHash(row);
    previous = row.hash;
    await raw.run(`UPDATE ${raw.events} SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?`, [row.data, row.prevHash, row.hash, row.seq]);
  }
}

async function insertRow(raw: RawSql, row: StoredEventRow): Promise<void> {
  await raw.run(
    `INSERT INTO ${raw.events} (seq, schema_version, type, trace_id, call_id, at, at_ms, data, redacted, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [row.seq, row.schemaVersion, row.type, row.traceId, row.callId, row.at, row.atMs, row.data, row.redacted, row.prevHash, row.hash],
  );
}

/**
 * The recorded store these cases expect: 40 sample events appended five at a time with a checkpoint every 10,
 * then closed. Seqs 1–10 events, 11 checkpoint, 12–21, 22 checkpoint, 23–32, 33 checkpoint, 34–43, 44 checkpoint.
 * Seq 15 and seq 24 are call.proposed events with a callId and an id in their data.
 */
export const recordedLayout = { events: 40, batch: 5, checkpointEvery: 10, lastSeq: 44, checkpoints: [11, 22, 33, 44], target: 15 } as const;

export function tamperCases(forger: AuditSigner): TamperCase[] {
  const target = recordedLayout.target;
  const flipAt = (column: string, index: (value: string) => number) => (raw: RawSql) => editColumn(raw, target, column, (value) => flipOneByte(value, index(value)));
  return [
    { name: "edit one byte of type", expected: { seq: target, kind: "hash-mismatch" }, apply: flipAt("type", (value) => value.length - 1) },
    { name: "edit one byte of traceId", expected: { seq: target, kind: "hash-mismatch" }, apply: flipAt("trace_id", (value) => value.length - 1) },
    { name: "edit one byte of callId", expected: { seq: target, kind: "hash-mismatch" }, apply: flipAt("call_id", () => 0) },
    { name: "edit one byte of at", expected: { seq: target, kind: "hash-mismatch" }, apply: flipAt("at", (value) => value.indexOf(".") - 1) },
    { name: "edit one byte of data", expected: { seq: target, kind: "hash-mismatch" }, apply: flipAt("data", (value) => value.search(/[0-9]/)) },
    { name: "edit one byte of prevHash", expected: { seq: target, kind: "broken-link" }, apply: flipAt("prev_hash", () => 0) },
    { name: "edit one byte of hash", expected: { seq: target, kind: "hash-mismatch" }, apply: flipAt("hash", () => 0) },
    {
      name: "edit one byte of seq (15 → 95)",
      expected: { seq: target, kind: "gap" },
      apply: (raw) => raw.run(`UPDATE ${raw.events} SET seq = 95 WHERE seq = ?`, [target]),
    },
    { name: "delete a row", expected: { seq: target, kind: "gap" }, apply: (raw) => raw.run(`DELETE FROM ${raw.events} WHERE seq = ?`, [target]) },
    {
      name: "swap two rows",
      expected: { seq: target, kind: "reordered" },
      async apply(raw) {
        await raw.run(`UPDATE ${raw.events} SET seq = -1 WHERE seq = ?`, [target]);
        await raw.run(`UPDATE ${raw.events} SET seq = ? WHERE seq = ?`, [target, target + 1]);
        await raw.run(`UPDATE ${raw.events} SET seq = ? WHERE seq = -1`, [target + 1]);
      },
    },
    { name: "truncate the tail (after seq 38)", expected: { seq: 39, kind: "missing-tail" }, apply: (raw) => raw.run(`DELETE FROM ${raw.events} WHERE seq > 38`) },
    {
      name: "truncate the tail and roll the head record back to match",
      expected: { seq: 38, kind: "bad-checkpoint" },
      async apply(raw) {
        const last = await readRow(raw, 38);
        await raw.run(`DELETE FROM ${raw.events} WHERE seq > 38`);
        await raw.run(`UPDATE ${raw.head} SET head_seq = 38, head_hash = ?, last_checkpoint_seq = 33`, [last.hash]);
      },
    },
    {
      name: "truncate the tail and delete the head record",
      expected: { seq: 39, kind: "missing-tail" },
      async apply(raw) {
        await raw.run(`DELETE FROM ${raw.events} WHERE seq > 38`);
        await raw.run(`DELETE FROM ${raw.head}`);
      },
    },
    {
      name: "insert a forged row at the end (correct link and hash)",
      expected: { seq: recordedLayout.lastSeq + 1, kind: "broken-link" },
      async apply(raw) {
        const last = await readRow(raw, recordedLayout.lastSeq);
        const data = { status: "succeeded", ran: true };
        await insertRow(raw, linkEvent({ type: "call.executed", traceId: "trace-0", callId: "trace-0-call", at: last.at, atMs: last.atMs, data, dataText: JSON.stringify(data), redacted: [] }, last.seq + 1, last.hash));
      },
    },
    {
      name: "insert a forged row in the middle (later rows renumbered)",
      expected: { seq: target + 1, kind: "broken-link" },
      async apply(raw) {
        const previous = await readRow(raw, target - 1);
        await raw.run(`UPDATE ${raw.events} SET seq = seq + 1000 WHERE seq >= ?`, [target]);
        await raw.run(`UPDATE ${raw.events} SET seq = seq - 999 WHERE seq >= 1000`);
        const data = { stage: "approval", outcome: "approved" };
        await insertRow(raw, linkEvent({ type: "call.verdict", traceId: previous.traceId, callId: "trace-3-call", at: previous.at, atMs: previous.atMs, data, dataText: JSON.stringify(data), redacted: [] }, target, previous.hash));
      },
    },
    {
      name: "replace a checkpoint with one signed by another key (hashes recomputed)",
      expected: { seq: 22, kind: "bad-checkpoint" },
      apply: (raw) =>
        rewriteFrom(raw, 22, (row) => {
          row.data = JSON.stringify(signCheckpoint(forger, { seq: 21, hash: row.prevHash }, row.at));
        }),
    },
    {
      name: "edit data and recompute every later hash",
      expected: { seq: 33, kind: "bad-checkpoint" },
      apply: (raw) =>
        rewriteFrom(raw, 24, (row) => {
          row.data = row.data.replace(/"id":(\d+)/, '"id":9$1');
        }),
    },
  ];
}
