// `toolgate audit verify --published-head`: a roll-back the chain alone cannot show, caught against a head published earlier (real SQLite).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteHarness } from "../audit/test-support/raw-sql.js";
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

/** A trail of one run; `grow` records another, as the application keeps doing. */
async function trail() {
  const cwd = dirs.make();
  const url = `sqlite:${join(cwd, ".toolgate", "audit.db")}`;
  let runs = 0;
  const grow = (at = new Date()) => seedRuns(url, cwd, [{ traceId: `run-${++runs}`, at }], { signer: cliSigner(url, cwd) });
  await grow(daysAgo(200));
  const publish = async (file: string) => {
    const head = await cli(["audit", "head", "--json"], cwd);
    expect(head.code).toBe(0);
    writeFileSync(join(cwd, file), head.out);
    return JSON.parse(head.out) as { headSeq: number };
  };
  return { cwd, url, grow, publish };
}

describe("toolgate audit verify --published-head", () => {
  it("passes while the store extends the published head", async () => {
    const { cwd, grow, publish } = await trail();
    const published = await publish("head.json");
    await grow();
    const verify = await cli(["audit", "verify", "--published-head", "head.json"], cwd);
    expect(verify).toMatchObject({ code: 0, err: "" });
    expect(verify.out).toMatch(/^ok: \d+ events, 2 checkpoints$/m);
    expect(verify.out).toMatch(new RegExp(`^published head: the store extends the head published in head\\.json \\(seq ${published.headSeq}, signed \\S+Z\\)$`, "m"));
  });

  it("catches a store rolled back to an old copy of its head record, which the chain alone cannot, and one grown again after it", async () => {
    const { cwd, url, grow, publish } = await trail();
    const raw = sqliteHarness().raw(url);
    try {
      // Someone keeps a copy of the head record as it stands now…
      const [oldHead] = await raw.all(`SELECT * FROM ${raw.head}`);
      await grow();
      const published = await publish("head.json");
      // …and later deletes everything after it and puts the copy back: every remaining signature is genuine.
      await raw.run(`DELETE FROM ${raw.events} WHERE seq > ?`, [oldHead!.head_seq]);
      const columns = Object.keys(oldHead!).filter((column) => column !== "id");
      await raw.run(`UPDATE ${raw.head} SET ${columns.map((column) => `${column} = ?`).join(", ")}`, columns.map((column) => oldHead![column]));

      expect((await cli(["audit", "verify"], cwd)).code).toBe(0);
      const caught = await cli(["audit", "verify", "--published-head", "head.json"], cwd);
      expect(caught.code).toBe(1);
      expect(caught.out).toMatch(/^chain ok: \d+ events, 1 checkpoints$/m);
      expect(caught.out).toContain(
        `broken: rolled back: the store's head is at seq ${oldHead!.head_seq}, older than the head published in head.json (seq ${published.headSeq}, signed `,
      );

      // The application keeps recording past the published seq: the seq is there again, but not that event.
      await grow();
      await grow();
      const regrown = await cli(["audit", "verify", "--published-head", "head.json", "--json"], cwd);
      expect(regrown.code).toBe(1);
      expect(JSON.parse(regrown.out)).toMatchObject({ ok: false, publishedHead: { ok: false, message: expect.stringMatching(new RegExp(`^rewritten: event ${published.headSeq}'s hash [0-9a-f]{12}… is not the [0-9a-f]{12}… of the head published in head\\.json`)) } });
    } finally {
      await raw.close();
    }
  });

  it("says when the published head lies in a pruned prefix, and rejects a file that is not a head record", async () => {
    const { cwd, grow, publish } = await trail();
    await publish("old-head.json");
    // The new run's clock starts a second from now, so everything up to the published head is older than this cut.
    await grow();
    const prune = await cli(["audit", "prune", "--before", new Date().toISOString()], cwd);
    expect(prune.out).toMatch(/^removed \d+ events/m);
    const pruned = await cli(["audit", "verify", "--published-head", "old-head.json"], cwd);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toMatch(/^published head: the head published in old-head\.json \(seq \d+, signed \S+\) lies in the pruned part of the chain, so it cannot be compared; compare against a head published after the last prune$/m);

    writeFileSync(join(cwd, "not-a-head.json"), JSON.stringify({ seq: 3 }));
    const bad = await cli(["audit", "verify", "--published-head", "not-a-head.json"], cwd);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^toolgate: --published-head not-a-head\.json: not a head record \(needs headSeq and a 64-hex headHash\) — give the file `toolgate audit head --json` wrote/m);
    const missing = await cli(["audit", "verify", "--published-head", "nowhere.json"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^toolgate: --published-head nowhere\.json: no such file/m);
  });
});
