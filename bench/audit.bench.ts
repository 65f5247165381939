// bench:audit — chained, signed, durable appends vs plain inserts of the same rows (same durability), SQLite and PostgreSQL, one run.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import type { AuditEventInput, ChainedAuditStore } from "../src/audit/index.js";
import { createAuditSigner, generateAuditKeyPair, openAuditStore } from "../src/audit/index.js";
import { canonicalJson } from "../src/record/index.js";

const json = process.argv.includes("--json");
const sequentialEvents = Number(process.env.BENCH_EVENTS ?? 500);
const concurrentEvents = sequentialEvents * 4;
const verifyEvents = Number(process.env.BENCH_VERIFY_EVENTS ?? 20_000);
const appenders = 16;
const pgUrl = process.env.TOOLGATE_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// Ed25519 is what the CLI's key file holds, so the head signature per batch is the realistic cost.
const privateKeyPem = process.env.BENCH_AUDIT_KEY_PEM ?? generateAuditKeyPair().privateKeyPem;
const signer = createAuditSigner({ ed25519PrivateKeyPem: privateKeyPem });

/** A realistic call.executed event: ~300 bytes of data. */
function input(writer: string, index: number): AuditEventInput {
  return {
    type: "call.executed",
    traceId: `${writer}-trace-${Math.floor(index / 8)}`,
    callId: `${writer}-call-${index}`,
    at: new Date(Date.UTC(2026, 0, 1) + index).toISOString(),
    data: { step: 0, index, toolName: "customer.lookup", status: "succeeded", ran: true, durationMs: 12, outcome: { ok: true, result: { customerId: `C-${index}`, name: "Pat Example", tier: "gold", openTickets: 2 } } },
  };
}

const plainColumns = "type, trace_id, call_id, at, at_ms, data, redacted";
const plainValues = (event: AuditEventInput) => [event.type, event.traceId, event.callId ?? null, event.at, Date.parse(event.at), canonicalJson(event.data), "[]"];

// ---------- worker mode: one process of a multi-process PostgreSQL run ----------

if (process.argv[2] === "--worker") {
  const [, , , mode, target, writer, countText, concurrencyText] = process.argv;
  const count = Number(countText);
  const concurrency = Number(concurrencyText);
  let append: (event: AuditEventInput) => Promise<void>;
  let finish: () => Promise<void>;
  if (mode === "chained") {
    const store = await openAuditStore(target!, { signer });
    append = async (event) => void (await store.append([event]));
    finish = () => store.close();
  } else {
    const pool = new pg.Pool({ connectionString: pgUrl, max: concurrency });
    append = async (event) => void (await pool.query(`INSERT INTO ${target} (${plainColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, plainValues(event)));
    finish = () => pool.end();
  }
  await append(input(`${writer}-warm`, 0));
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) if (line === "go") break;
  const startMs = Date.now();
  await runAppenders(count, concurrency, (index) => append(input(writer!, index)));
  const endMs = Date.now();
  await finish();
  process.stdout.write(`${JSON.stringify({ events: count, startMs, endMs })}\n`);
  process.exit(0);
}

async function runAppenders(count: number, concurrency: number, append: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await append(next++);
    }),
  );
}

async function timed(events: number, run: () => Promise<void> | void): Promise<Row> {
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { events, seconds, perSecond: events / seconds };
}

interface Row {
  events: number;
  seconds: number;
  perSecond: number;
}

/** Spawns `processes` workers, starts them together, and reports total events over the span from first start to last end. */
async function multiProcess(mode: "chained" | "plain", target: string, processes: number, perProcess: number, concurrency: number): Promise<Row> {
  const script = fileURLToPath(import.meta.url);
  const children = Array.from({ length: processes }, (_, index) =>
    spawn(process.execPath, ["--import", "tsx", script, "--worker", mode, target, `p${index}`, String(perProcess), String(concurrency)], {
      env: { ...process.env, BENCH_AUDIT_KEY_PEM: privateKeyPem },
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const lines = children.map((child) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
  for (const reader of lines) if ((await reader.next()).value !== "ready") throw new Error("worker failed to start");
  for (const child of children) child.stdin!.write("go\n");
  const results = await Promise.all(lines.map(async (reader) => JSON.parse((await reader.next()).value as string) as { events: number; startMs: number; endMs: number }));
  const seconds = (Math.max(...results.map((r) => r.endMs)) - Math.min(...results.map((r) => r.startMs))) / 1000;
  const events = results.reduce((sum, r) => sum + r.events, 0);
  return { events, seconds, perSecond: events / seconds };
}

// ---------- the cases ----------

interface Case {
  key: string;
  backend: "SQLite" | "PostgreSQL";
  name: string;
  /** The case this one is compared to (itself for a baseline). */
  baseline: string;
  /** Appends one round's events; returns the events written and the seconds they took. */
  run(round: number): Promise<Row>;
}

const perRound = sequentialEvents;
const perRoundConcurrent = concurrentEvents;

let sqliteGroupStats: () => ChainedAuditStore["stats"] = () => ({ transactions: 0, entries: 0, largestBatch: 0, mostInFlight: 0 });
let pgGroupStats: () => ChainedAuditStore["stats"] = sqliteGroupStats;

async function sqliteCases(dir: string, closers: Array<() => Promise<void>>): Promise<Case[]> {
  const plainDb = new Database(join(dir, "plain.db"));
  plainDb.pragma("journal_mode = WAL");
  plainDb.pragma("synchronous = FULL");
  plainDb.exec(`CREATE TABLE plain (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, trace_id TEXT NOT NULL, call_id TEXT, at TEXT NOT NULL, at_ms INTEGER NOT NULL, data TEXT NOT NULL, redacted TEXT NOT NULL);
    CREATE INDEX plain_trace ON plain (trace_id, seq); CREATE INDEX plain_type ON plain (type, seq);`);
  const insert = plainDb.prepare(`INSERT INTO plain (${plainColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertMany = plainDb.transaction((events: AuditEventInput[]) => {
    for (const event of events) insert.run(...plainValues(event));
  });
  const single = await openAuditStore(`sqlite:${join(dir, "chained-single.db")}`, { signer });
  const grouped = await openAuditStore(`sqlite:${join(dir, "chained-group.db")}`, { signer });
  closers.push(async () => void plainDb.close(), () => single.close(), () => grouped.close());
  sqliteGroupStats = () => ({ ...grouped.stats });
  return [
    {
      key: "sqlitePlain",
      backend: "SQLite",
      name: "plain insert, 1 row per transaction (baseline)",
      baseline: "sqlitePlain",
      run: (round) =>
        timed(perRound, () => {
          for (let index = 0; index < perRound; index++) insert.run(...plainValues(input(`plain${round}`, index)));
        }),
    },
    {
      key: "sqliteChained",
      backend: "SQLite",
      name: "chained store, 1 writer, sequential appends",
      baseline: "sqlitePlain",
      run: (round) =>
        timed(perRound, async () => {
          for (let index = 0; index < perRound; index++) await single.append([input(`single${round}`, index)]);
        }),
    },
    {
      key: "sqliteChained16",
      backend: "SQLite",
      name: `chained store, ${appenders} concurrent appenders (group commit)`,
      baseline: "sqlitePlain",
      run: (round) => timed(perRoundConcurrent, () => runAppenders(perRoundConcurrent, appenders, async (index) => void (await grouped.append([input(`group${round}`, index)])))),
    },
    {
      key: "sqlitePlainBatched16",
      backend: "SQLite",
      name: `plain insert, ${appenders} rows per transaction (reference: batching without the chain)`,
      baseline: "sqlitePlain",
      run: (round) =>
        timed(perRoundConcurrent, () => {
          for (let index = 0; index < perRoundConcurrent; index += appenders) insertMany(Array.from({ length: appenders }, (_, offset) => input(`batched${round}`, index + offset)));
        }),
    },
  ];
}

async function postgresCases(admin: pg.Client, schema: string, closers: Array<() => Promise<void>>): Promise<Case[]> {
  const storeUrl = (name: string) => `${pgUrl}?schema=${schema}_${name}`;
  const plainTable = `${schema}.plain`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`CREATE TABLE ${plainTable} (seq BIGSERIAL PRIMARY KEY, type TEXT NOT NULL, trace_id TEXT NOT NULL, call_id TEXT, at TEXT NOT NULL, at_ms BIGINT NOT NULL, data TEXT NOT NULL, redacted TEXT NOT NULL)`);
  await admin.query(`CREATE INDEX ON ${plainTable} (trace_id, seq)`);
  await admin.query(`CREATE INDEX ON ${plainTable} (type, seq)`);
  const single = await openAuditStore(storeUrl("single"), { signer });
  const grouped = await openAuditStore(storeUrl("group"), { signer });
  closers.push(() => single.close(), () => grouped.close());
  pgGroupStats = () => ({ ...grouped.stats });
  for (const name of ["multi", "multigroup"]) await (await openAuditStore(storeUrl(name), { signer })).close();
  const perProcess = Math.floor(perRound / 3);
  const perProcessConcurrent = Math.floor(perRoundConcurrent / 3);
  return [
    {
      key: "pgPlain",
      backend: "PostgreSQL",
      name: "plain insert, 1 process, autocommit (baseline)",
      baseline: "pgPlain",
      run: (round) =>
        timed(perRound, async () => {
          for (let index = 0; index < perRound; index++) await admin.query(`INSERT INTO ${plainTable} (${plainColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, plainValues(input(`plain${round}`, index)));
        }),
    },
    {
      key: "pgChained",
      backend: "PostgreSQL",
      name: "chained store (head row lock), 1 process, sequential",
      baseline: "pgPlain",
      run: (round) =>
        timed(perRound, async () => {
          for (let index = 0; index < perRound; index++) await single.append([input(`single${round}`, index)]);
        }),
    },
    {
      key: "pgChained16",
      backend: "PostgreSQL",
      name: `chained store, 1 process, ${appenders} concurrent appenders`,
      baseline: "pgPlain",
      run: (round) => timed(perRoundConcurrent, () => runAppenders(perRoundConcurrent, appenders, async (index) => void (await grouped.append([input(`group${round}`, index)])))),
    },
    { key: "pgPlain3", backend: "PostgreSQL", name: "plain insert, 3 processes, sequential each", baseline: "pgPlain", run: () => multiProcess("plain", plainTable, 3, perProcess, 1) },
    { key: "pgChained3", backend: "PostgreSQL", name: "chained store, 3 processes, sequential each", baseline: "pgPlain3", run: () => multiProcess("chained", storeUrl("multi"), 3, perProcess, 1) },
    { key: "pgPlain3x16", backend: "PostgreSQL", name: `plain insert, 3 processes × ${appenders} concurrent`, baseline: "pgPlain", run: () => multiProcess("plain", plainTable, 3, perProcessConcurrent, appenders) },
    { key: "pgChained3x16", backend: "PostgreSQL", name: `chained store, 3 processes × ${appenders} concurrent`, baseline: "pgPlain3x16", run: () => multiProcess("chained", storeUrl("multigroup"), 3, perProcessConcurrent, appenders) },
  ];
}

async function fill(store: ChainedAuditStore): Promise<void> {
  for (let index = 0; index < verifyEvents; index += 500) await store.append(Array.from({ length: Math.min(500, verifyEvents - index) }, (_, offset) => input("verify", index + offset)));
}

async function timedVerify(store: ChainedAuditStore): Promise<Row> {
  let checked = 0;
  const row = await timed(0, async () => {
    const report = await store.verify();
    if (!report.ok) throw new Error(`bench store does not verify: ${report.firstProblem?.message}`);
    checked = report.eventsChecked;
  });
  return { events: checked, seconds: row.seconds, perSecond: checked / row.seconds };
}

/** Verify vs a plain paged read of the same table: what hashing and checking every link costs on top of reading. */
async function verifyCases(dir: string, admin: pg.Client, schema: string) {
  const sqliteStore = await openAuditStore(`sqlite:${join(dir, "verify.db")}`, { signer });
  await fill(sqliteStore);
  const pgStore = await openAuditStore(`${pgUrl}?schema=${schema}_verify`, { signer });
  await fill(pgStore);
  const scanDb = new Database(join(dir, "verify.db"), { readonly: true });
  const page = scanDb.prepare("SELECT * FROM toolgate_audit_events WHERE seq > ? ORDER BY seq LIMIT 1000");
  const totals = { sqliteVerify: [] as Row[], sqliteScan: [] as Row[], pgVerify: [] as Row[], pgScan: [] as Row[] };
  for (let round = 0; round < rounds; round++) {
    totals.sqliteVerify.push(await timedVerify(sqliteStore));
    totals.sqliteScan.push(
      await timed(verifyEvents, () => {
        for (let after = 0; ; ) {
          const rows = page.all(after) as Array<{ seq: number }>;
          if (rows.length === 0) break;
          after = rows[rows.length - 1]!.seq;
        }
      }),
    );
    totals.pgVerify.push(await timedVerify(pgStore));
    totals.pgScan.push(
      await timed(verifyEvents, async () => {
        for (let after = 0; ; ) {
          const rows = (await admin.query(`SELECT * FROM ${schema}_verify.toolgate_audit_events WHERE seq > $1 ORDER BY seq LIMIT 1000`, [after])).rows as Array<{ seq: string }>;
          if (rows.length === 0) break;
          after = Number(rows[rows.length - 1]!.seq);
        }
      }),
    );
  }
  scanDb.close();
  await sqliteStore.close();
  await pgStore.close();
  return Object.fromEntries(Object.entries(totals).map(([key, list]) => [key, sum(list)])) as Record<keyof typeof totals, Row>;
}

function sum(list: Row[]): Row {
  const events = list.reduce((total, row) => total + row.events, 0);
  const seconds = list.reduce((total, row) => total + row.seconds, 0);
  return { events, seconds, perSecond: events / seconds };
}

// ---------- run: every case once per round, rounds interleaved so drift on the shared disk hits all cases alike ----------

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "toolgate-bench-audit-"));
const schema = `tg_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
const closers: Array<() => Promise<void>> = [];
const results = new Map<string, Row[]>();
let cases: Case[];
let verify: Awaited<ReturnType<typeof verifyCases>>;
try {
  cases = [...(await sqliteCases(dir, closers)), ...(await postgresCases(admin, schema, closers))];
  for (let round = 0; round < rounds; round++) {
    for (const entry of cases) {
      const row = await entry.run(round);
      results.set(entry.key, [...(results.get(entry.key) ?? []), row]);
    }
  }
  verify = await verifyCases(dir, admin, schema);
  const check = await openAuditStore(`${pgUrl}?schema=${schema}_multigroup`, { signer });
  const multiReport = await check.verify();
  await check.close();
  if (!multiReport.ok) throw new Error(`the 3-process store does not verify: ${multiReport.firstProblem?.message}`);
} finally {
  for (const close of closers) await close().catch(() => undefined);
  for (const name of ["", "_single", "_group", "_multi", "_multigroup", "_verify"]) await admin.query(`DROP SCHEMA IF EXISTS ${schema}${name} CASCADE`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}

const sqliteGroup = sqliteGroupStats();
const pgGroup = pgGroupStats();
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const total = (key: string) => sum(results.get(key)!);
const ratioOf = (key: string, baseline: string) => round(total(key).perSecond / total(baseline).perSecond, 2);
const caseName = new Map(cases.map((entry) => [entry.key, entry.name]));

console.log(`bench:audit — ${process.version}, Ed25519 signer, ${rounds} interleaved rounds; SQLite WAL + synchronous=FULL, PostgreSQL synchronous_commit=on`);
console.log("");
console.log("| backend | case | events | seconds | appends/s | ratio |");
console.log("|---|---|---:|---:|---:|---|");
for (const entry of cases) {
  const row = total(entry.key);
  const note = entry.baseline === entry.key ? "baseline" : `${ratioOf(entry.key, entry.baseline)} × ${caseName.get(entry.baseline)!.replace(" (baseline)", "")}`;
  console.log(`| ${entry.backend} | ${entry.name} | ${row.events} | ${round(row.seconds, 2)} | ${round(row.perSecond)} | ${note} |`);
}
console.log("");
console.log("| backend | verify | events | seconds | events/s | ratio vs plain paged read |");
console.log("|---|---|---:|---:|---:|---|");
console.log(`| SQLite | verify() | ${verify!.sqliteVerify.events} | ${round(verify!.sqliteVerify.seconds, 2)} | ${round(verify!.sqliteVerify.perSecond)} | ${round(verify!.sqliteVerify.perSecond / verify!.sqliteScan.perSecond, 2)} (read ${round(verify!.sqliteScan.perSecond)}/s) |`);
console.log(`| PostgreSQL | verify() | ${verify!.pgVerify.events} | ${round(verify!.pgVerify.seconds, 2)} | ${round(verify!.pgVerify.perSecond)} | ${round(verify!.pgVerify.perSecond / verify!.pgScan.perSecond, 2)} (read ${round(verify!.pgScan.perSecond)}/s) |`);
console.log("");
console.log(`Group commit, ${appenders} appenders: SQLite ${sqliteGroup.entries} appends in ${sqliteGroup.transactions} transactions (largest ${sqliteGroup.largestBatch}); PostgreSQL ${pgGroup.entries} in ${pgGroup.transactions} (largest ${pgGroup.largestBatch}).`);

const report = {
  benchmark: "audit",
  unit: "appends/s",
  node: process.version,
  rounds,
  events: { perRound: sequentialEvents, perRoundConcurrent: concurrentEvents, verify: verifyEvents },
  appendsPerSecond: Object.fromEntries(cases.map((entry) => [entry.key, round(total(entry.key).perSecond)])),
  ratio: Object.fromEntries(cases.filter((entry) => entry.baseline !== entry.key).map((entry) => [`${entry.key}/${entry.baseline}`, ratioOf(entry.key, entry.baseline)])),
  verifyPerSecond: { sqlite: round(verify!.sqliteVerify.perSecond), postgres: round(verify!.pgVerify.perSecond) },
  readPerSecond: { sqlite: round(verify!.sqliteScan.perSecond), postgres: round(verify!.pgScan.perSecond) },
  groupCommit: { sqlite: sqliteGroup, postgres: pgGroup },
};
if (json) console.log(JSON.stringify(report));
