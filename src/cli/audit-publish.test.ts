// `toolgate audit key` and `toolgate audit head`: what an operator hands to auditors and publishes, from real SQLite trails.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAuditVerifier, generateAuditKeyPair } from "../audit/index.js";
import { main } from "./main.js";
import { cliSigner, daysAgo, seedRuns } from "./test-support/audit-trail.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const io = capturedIo({ cwd, env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function trail(env: NodeJS.ProcessEnv = {}): Promise<{ cwd: string; closingSeq: number }> {
  const cwd = dirs.make();
  const url = `sqlite:${join(cwd, ".toolgate", "audit.db")}`;
  const { closingSeq } = await seedRuns(url, cwd, [{ traceId: "run-a", at: daysAgo(1) }], { signer: cliSigner(url, cwd, env) });
  return { cwd, closingSeq };
}

describe("toolgate audit key", () => {
  it("names the key file the trail is signed with and prints its public half, which verifies the trail's checkpoints", async () => {
    const { cwd } = await trail();
    const info = await cli(["audit", "key"], cwd);
    expect(info).toMatchObject({ code: 0, err: "" });
    expect(info.out).toMatch(/^key (ed25519:[0-9a-f]{16}) \(ed25519\) from the key file beside the store \S+\/\.toolgate\/audit\.key$/m);
    expect(info.out).toMatch(/^give auditors the public key: toolgate audit key --public > audit\.pub; they run toolgate audit verify --public-key audit\.pub$/m);

    const pem = (await cli(["audit", "key", "--public"], cwd)).out;
    expect(pem).not.toContain("PRIVATE");
    const keyId = /^key (\S+)/.exec(info.out)![1];
    expect(createAuditVerifier({ ed25519PublicKeyPem: pem }).keyIds).toEqual([keyId]);
    const head = JSON.parse((await cli(["audit", "head", "--json"], cwd)).out) as { keyId: string };
    expect(head.keyId).toBe(keyId);

    const json = JSON.parse((await cli(["audit", "key", "--json"], cwd)).out) as Record<string, unknown>;
    expect(json).toMatchObject({ keyId, algorithm: "ed25519", source: "key-file", publicKeyPem: pem });
  });

  it("follows TOOLGATE_AUDIT_KEY, and refuses --public for an HMAC secret, which has no public half", async () => {
    const keyDir = dirs.make();
    const pair = generateAuditKeyPair();
    writeFileSync(join(keyDir, "signing.pem"), pair.privateKeyPem, { mode: 0o600 });
    const env = { TOOLGATE_AUDIT_KEY: join(keyDir, "signing.pem") };
    const { cwd } = await trail(env);
    expect((await cli(["audit", "key", "--public"], cwd, env)).out).toBe(pair.publicKeyPem);

    const hmac = { TOOLGATE_AUDIT_KEY: "hmac:a-long-enough-shared-secret-0123" };
    const info = await cli(["audit", "key"], cwd, hmac);
    expect(info.out).toMatch(/^key hmac:[0-9a-f]{16} \(hmac-sha256\) from TOOLGATE_AUDIT_KEY \(an HMAC secret\)$/m);
    const refused = await cli(["audit", "key", "--public"], cwd, hmac);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^toolgate: TOOLGATE_AUDIT_KEY is an HMAC secret, which has no public half: .* switch to Ed25519 \(openssl genpkey -algorithm ed25519 -out audit\.key/m);
  });

  it("never creates a key: with none configured it says where it looked", async () => {
    const cwd = dirs.make();
    const missing = await cli(["audit", "key", "--public"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^toolgate: no audit key at \S+\.toolgate\/audit\.key — set TOOLGATE_AUDIT_KEY/m);
    expect((await cli(["audit", "key"], cwd)).code).toBe(2);
  });
});

describe("toolgate audit head", () => {
  it("prints the signed head record, which names the chain's last event and moves on with every write", async () => {
    const { cwd, closingSeq } = await trail();
    const text = await cli(["audit", "head"], cwd);
    expect(text).toMatchObject({ code: 0, err: "" });
    expect(text.out).toMatch(new RegExp(`^head seq ${closingSeq} · hash [0-9a-f]{64}$`, "m"));
    expect(text.out).toMatch(new RegExp(`^last checkpoint seq ${closingSeq} · signed`, "m"));
    expect(text.out).toMatch(/ · signed \d{4}-\d{2}-\d{2}T\S+Z by ed25519:[0-9a-f]{16} \(ed25519\)$/m);
    expect(text.out).toMatch(/^signature [A-Za-z0-9+/]{86}==$/m);
    expect(text.out).toMatch(/later, toolgate audit verify --published-head head\.json catches a roll-back to an older head$/m);

    const head = JSON.parse((await cli(["audit", "head", "--json"], cwd)).out) as { store: string; headSeq: number; headHash: string; lastCheckpointSeq: number };
    expect(head).toMatchObject({ store: expect.stringMatching(/^sqlite:\S+audit\.db$/), headSeq: closingSeq, lastCheckpointSeq: closingSeq, algorithm: "ed25519", signature: expect.any(String), signedAt: expect.any(String) });
    const events = (await cli(["audit", "export"], cwd)).out.trimEnd().split("\n").map((line) => JSON.parse(line) as { seq: number; hash: string });
    expect(events.at(-1)).toMatchObject({ seq: head.headSeq, hash: head.headHash });

    const url = `sqlite:${join(cwd, ".toolgate", "audit.db")}`;
    const more = await seedRuns(url, cwd, [{ traceId: "run-b", at: new Date() }], { signer: cliSigner(url, cwd) });
    const later = JSON.parse((await cli(["audit", "head", "--json"], cwd)).out) as { headSeq: number; headHash: string };
    expect(later.headSeq).toBe(more.closingSeq);
    expect(later.headSeq).toBeGreaterThan(head.headSeq);
  });

  it("says in its help that publishing the head is the defence against a roll-back", async () => {
    const cwd = dirs.make();
    const help = await cli(["audit", "head", "--help"], cwd);
    expect(help.code).toBe(0);
    expect(help.out.replace(/\s+/g, " ")).toContain("it is the defence against rolling the store back to an older head, which nothing inside the store can detect");
  });
});
