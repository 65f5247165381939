// `toolgate audit prune`: retention by age on real SQLite and PostgreSQL stores, verification afterwards, tampering still caught.
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { StoreHarness } from "../audit/test-support/raw-sql.js";
import { postgresHarness, sqliteHarness } from "../audit/test-support/raw-sql.js";
import { parseRetentionAge, retentionCutoff } from "./audit-prune.js";
import { CliError } from "./cli-error.js";
import { main } from "./main.js";
import { cliSigner, daysAgo, seedRuns } from "./test-support/audit-trail.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

async function cli(args: string[], cwd: string) {
  const io = capturedIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Runs 200, 120, 10 and 1 days old, then the closing checkpoint; `oldSeqs` is how many events the two old runs hold. */
async function seededTrail(harness: StoreHarness): Promise<{ url: string; cwd: string; oldSeqs: number; closingSeq: number }> {
  const url = await harness.freshUrl();
  const cwd = dirs.make();
  const runs = [200, 120, 10, 1].map((days) => ({ traceId: `run-${days}d`, at: daysAgo(days) }));
  const seeded = await seedRuns(url, cwd, runs, { signer: cliSigner(url, cwd) });
  return { url, cwd, oldSeqs: seeded.runs[1]!.lastSeq, closingSeq: seeded.closingSeq };
}

/** The seq and data of one event of a run, found the way an attacker with SQL access would. */
async function eventOf(harness: StoreHarness, url: string, traceId: string, type: string, dataLike = "%"): Promise<{ seq: number; data: string }> {
  const raw = harness.raw(url);
  try {
    const [row] = await raw.all(`SELECT seq, data FROM ${raw.events} WHERE trace_id = ? AND type = ? AND data LIKE ? ORDER BY seq LIMIT 1`, [traceId, type, dataLike]);
    return { seq: Number(row!.seq), data: String(row!.data) };
  } finally {
    await raw.close();
  }
}

async function setData(harness: StoreHarness, url: string, seq: number, data: string): Promise<void> {
  const raw = harness.raw(url);
  try {
    await raw.run(`UPDATE ${raw.events} SET data = ? WHERE seq = ?`, [data, seq]);
  } finally {
    await raw.close();
  }
}

async function eventCount(harness: StoreHarness, url: string): Promise<number> {
  const raw = harness.raw(url);
  try {
    const [row] = await raw.all(`SELECT COUNT(*) AS n FROM ${raw.events}`);
    return Number(row!.n);
  } finally {
    await raw.close();
  }
}

describe.each([
  ["SQLite", sqliteHarness],
  ["PostgreSQL", postgresHarness],
])("toolgate audit prune on %s", (_name, makeHarness) => {
  const harness = makeHarness();
  afterAll(() => harness.cleanup());

  it("removes the runs older than 90 days, names the anchoring checkpoint, and verify still passes", async () => {
    const { url, cwd, oldSeqs, closingSeq } = await seededTrail(harness);
    const pruned = await cli(["audit", "prune", "--older-than", "90d", "--audit", url], cwd);
    expect(pruned.err).toBe("");
    expect(pruned.code).toBe(0);
    expect(pruned.out).toMatch(new RegExp(`^removed ${oldSeqs} events recorded before \\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z \\(seq 1–${oldSeqs}\\)$`, "m"));
    // The prune's own checkpoint comes before its retention.pruned event; neither can be cut.
    expect(pruned.out).toContain(`checkpoint ${closingSeq + 1} anchors what remains; retention.pruned ${closingSeq + 2} records the cut`);

    const verify = await cli(["audit", "verify", "--audit", url], cwd);
    expect(verify.err).toBe("");
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^ok: \d+ events, \d+ checkpoints$/m);
    const listed = JSON.parse((await cli(["audit", "list", "--json", "--audit", url], cwd)).out) as Array<{ traceId: string }>;
    expect(listed.map((run) => run.traceId).sort()).toEqual(["run-10d", "run-1d"]);

    // The same retention again finds nothing left to remove.
    const again = await cli(["audit", "prune", "--older-than", "90d", "--audit", url], cwd);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^nothing recorded before \S+ in \S+: no events removed$/m);
  });

  it("after a prune, an edited event and a deleted retention record are both caught", async () => {
    const { url, cwd } = await seededTrail(harness);
    expect((await cli(["audit", "prune", "--older-than", "90d", "--audit", url], cwd)).code).toBe(0);
    // The lookup result of a run that survived the prune now "found" someone else.
    const executed = await eventOf(harness, url, "run-10d", "call.executed");
    await setData(harness, url, executed.seq, executed.data.replace("maria.lopez", "mario.lopez"));
    const edited = await cli(["audit", "verify", "--audit", url], cwd);
    expect(edited.code).toBe(1);
    expect(edited.out).toMatch(new RegExp(`^broken: seq ${executed.seq}, hash-mismatch: `, "m"));
    await setData(harness, url, executed.seq, executed.data);
    expect((await cli(["audit", "verify", "--audit", url], cwd)).code).toBe(0);

    const raw = harness.raw(url);
    try {
      // Without the retention record, nothing accounts for the missing prefix any more.
      await raw.run(`DELETE FROM ${raw.events} WHERE type = 'retention.pruned'`);
      const unanchored = await cli(["audit", "verify", "--json", "--audit", url], cwd);
      expect(unanchored.code).toBe(1);
      expect(JSON.parse(unanchored.out)).toMatchObject({ ok: false, firstProblem: { seq: 1, kind: "gap" } });
    } finally {
      await raw.close();
    }
  });

  it("refuses to prune a trail that does not verify, and removes nothing", async () => {
    const { url, cwd } = await seededTrail(harness);
    // The evidence sits in the very run the prune would remove: a policy pass turned into a deny.
    const verdict = await eventOf(harness, url, "run-200d", "call.verdict", '%"stage":"policy"%');
    await setData(harness, url, verdict.seq, verdict.data.replace('"outcome":"pass"', '"outcome":"deny"'));
    const before = await eventCount(harness, url);
    const refused = await cli(["audit", "prune", "--older-than", "90d", "--audit", url], cwd);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^toolgate: refusing to prune \\S+: the trail does not verify \\(seq ${verdict.seq}, hash-mismatch: .*\\) — pruning could delete the evidence`, "m"));
    expect(await eventCount(harness, url)).toBe(before);
  });
});

describe("toolgate audit prune flags", () => {
  const harness = sqliteHarness();
  afterAll(() => harness.cleanup());

  it("--before with --json says what was removed and where the cut is anchored", async () => {
    const { url, cwd, oldSeqs, closingSeq } = await seededTrail(harness);
    const cutoff = daysAgo(60).toISOString();
    const pruned = await cli(["audit", "prune", "--before", cutoff, "--json", "--audit", url], cwd);
    expect(pruned.code).toBe(0);
    expect(JSON.parse(pruned.out)).toEqual({ store: expect.stringMatching(/^sqlite:/), before: cutoff, removed: oldSeqs, lastRemovedSeq: oldSeqs, checkpointSeq: closingSeq + 1, retentionSeq: closingSeq + 2 });
    expect((await cli(["audit", "verify", "--audit", url], cwd)).code).toBe(0);
  });

  it("needs exactly one of --older-than and --before, each well formed, before it touches the store", async () => {
    const { url, cwd } = await seededTrail(harness);
    const cases: Array<[string[], RegExp]> = [
      [[], /^toolgate: audit prune needs exactly one of --older-than <age> \(e\.g\. 90d\) and --before <ISO time>/m],
      [["--older-than", "90d", "--before", "2026-01-01T00:00:00Z"], /^toolgate: audit prune needs exactly one of/m],
      [["--older-than", "3 months"], /^toolgate: --older-than 3 months: not an age; give a whole number and a unit \(s, m, h, d, w\), e\.g\. --older-than 90d/m],
      [["--older-than", "0d"], /^toolgate: --older-than 0d: not an age/m],
      [["--before", "2026-01-01T00:00:00"], /^toolgate: --before 2026-01-01T00:00:00: not an ISO time with a zone; use e\.g\. --before 2026-01-01T00:00:00Z/m],
      [["--before", "2999-01-01T00:00:00Z"], /^toolgate: --before 2999-01-01T00:00:00Z is in the future, which would remove the whole trail/m],
    ];
    const before = await eventCount(harness, url);
    for (const [flags, message] of cases) {
      const result = await cli(["audit", "prune", ...flags, "--audit", url], cwd);
      expect(result.code, flags.join(" ")).toBe(2);
      expect(result.err).toMatch(message);
    }
    expect(await eventCount(harness, url)).toBe(before);
  });

  it("refuses a copy of the store without its key, and creates no key: a prune must be signed by the trail's own key", async () => {
    const { url } = await seededTrail(harness);
    const stranger = dirs.make();
    copyFileSync(url.slice("sqlite:".length), join(stranger, "copy.db"));
    const result = await cli(["audit", "prune", "--older-than", "90d", "--audit", "sqlite:copy.db"], stranger);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^toolgate: no audit key at \S+audit\.key — set TOOLGATE_AUDIT_KEY/m);
    expect(existsSync(join(stranger, "audit.key"))).toBe(false);
  });
});

describe("retention cutoffs", () => {
  const now = new Date("2026-05-01T12:00:00.000Z");
  it("reads ages in seconds, minutes, hours, days and weeks", () => {
    expect(parseRetentionAge("45s")).toBe(45_000);
    expect(parseRetentionAge("30m")).toBe(1_800_000);
    expect(parseRetentionAge("12h")).toBe(43_200_000);
    expect(parseRetentionAge("90d")).toBe(90 * 86_400_000);
    expect(parseRetentionAge("2w")).toBe(14 * 86_400_000);
    expect(() => parseRetentionAge("1y")).toThrow(CliError);
  });
  it("turns --older-than into a time before now, and normalises --before", () => {
    expect(retentionCutoff({ olderThan: "12h" }, now)).toBe("2026-05-01T00:00:00.000Z");
    expect(retentionCutoff({ before: "2026-04-01T02:00:00+02:00" }, now)).toBe("2026-04-01T00:00:00.000Z");
    expect(retentionCutoff({ before: "2026-04-01" }, now)).toBe("2026-04-01T00:00:00.000Z");
  });
});
