// A SQLite audit file's commits in a worker thread (synchronous FULL or NORMAL, as the store was opened): the fsync of a synchronous=FULL commit (0.5–1 ms on a disk) no longer
// stops the event loop, and appends arriving meanwhile gather into the next batch. The thread only runs SQL; the chain
// (links, checkpoints, the signed head) is planned by the store, from the head it expects to find.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { StoredEventRow } from "./chain.js";
import type { SignedHead } from "./checkpoint.js";

export interface WriterStatements {
  insert: string;
  selectHead: string;
  upsertHead: string;
}

/** What a commit found: written, or the head moved (another process appended) and nothing was written. */
type WriterOutcome = { ok: true } | { ok: false; head: Record<string, unknown> | undefined };

export interface SqliteWriterThread {
  /** In one IMMEDIATE transaction: if the stored head is still `expect`, inserts the rows and the new head, and commits. */
  commit(expect: SignedHead, rows: readonly StoredEventRow[], head: SignedHead): Promise<WriterOutcome>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  ok?: boolean;
  head?: Record<string, unknown>;
  error?: string;
}

// Plain JavaScript (the thread needs no TypeScript), so it runs the same from sources and from the built package.
const threadSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs, fileMustExist: true });
db.pragma("journal_mode = WAL");
db.pragma(workerData.synchronous === "NORMAL" ? "synchronous = NORMAL" : "synchronous = FULL");
// Waiting for another process's lock is done here, in short steps: SQLite's own busy handler sleeps up to 100 ms between
// tries, long after the other writer's sub-millisecond commit has released it. This thread may block; the loop may not.
db.pragma("busy_timeout = 0");
const pause = new Int32Array(new SharedArrayBuffer(4));
const insert = db.prepare(workerData.statements.insert);
const selectHead = db.prepare(workerData.statements.selectHead);
const upsertHead = db.prepare(workerData.statements.upsertHead);
const write = db.transaction((expect, rows, head) => {
  const current = selectHead.get();
  if (current === undefined || Number(current.headSeq) !== expect.headSeq || current.headHash !== expect.headHash) return { ok: false, head: current };
  for (const row of rows) insert.run(row);
  upsertHead.run(head);
  return { ok: true };
});
function writeWhenFree(expect, rows, head) {
  const deadline = Date.now() + workerData.busyTimeoutMs;
  for (let waitMs = 0.05; ; waitMs = Math.min(waitMs * 2, 2)) {
    try {
      return write.immediate(expect, rows, head);
    } catch (error) {
      if (!error || error.code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, waitMs);
    }
  }
}
parentPort.on("message", (message) => {
  if (message.close) {
    db.close();
    parentPort.postMessage({ id: message.id, ok: true });
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, ...writeWhenFree(message.expect, message.rows, message.head) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message || error) });
  }
});
parentPort.postMessage({ id: 0, ok: true });
`;

/** Starts the thread on `path` (a file the store already created); resolves once its connection is open. */
export async function startSqliteWriterThread(path: string, statements: WriterStatements, busyTimeoutMs: number, synchronous: "FULL" | "NORMAL" = "FULL"): Promise<SqliteWriterThread> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(threadSource, { eval: true, workerData: { driver, path, statements, busyTimeoutMs, synchronous } });
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const entry of waiting.values()) entry.reject(failure);
    waiting.clear();
  };
  worker.on("message", (reply: Reply) => {
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    // Idle, the thread must not keep the process alive; while a commit is pending it does, like any I/O.
    if (waiting.size === 0) worker.unref();
    entry?.resolve(reply);
  });
  worker.on("error", (error) => failAll(new Error(`the audit writer thread failed: ${error.message}`)));
  worker.on("exit", (code) => failAll(new Error(`the audit writer thread exited (code ${code})`)));
  const ask = (message: object): Promise<Reply> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  };
  await new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
  });
  return {
    async commit(expect, rows, head) {
      const reply = await ask({ expect: { headSeq: expect.headSeq, headHash: expect.headHash }, rows, head });
      if (reply.error !== undefined) throw new Error(reply.error);
      return reply.ok ? { ok: true } : { ok: false, head: reply.head };
    },
    async close() {
      if (failure) return;
      await ask({ close: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
