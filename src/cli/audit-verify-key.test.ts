// `toolgate audit verify --public-key`: an auditor with a copy of the trail and only the Ed25519 public key, on real SQLite files.
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAuditSigner, createAuditVerifier, generateAuditKeyPair } from "../audit/index.js";
import { sqliteHarness } from "../audit/test-support/raw-sql.js";
import { rewriteFrom } from "../audit/test-support/tamper.js";
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

/** The operator's side: a trail under <dir>/.toolgate signed by the key file the CLI creates there, and its public key as `toolgate audit key --public` prints it. */
async function operatorTrail(): Promise<{ operator: string; url: string; publicKeyPem: string; closingSeq: number }> {
  const operator = dirs.make();
  const url = `sqlite:${join(operator, ".toolgate", "audit.db")}`;
  const { closingSeq } = await seedRuns(url, operator, [{ traceId: "run-a", at: daysAgo(2) }, { traceId: "run-b", at: daysAgo(1) }], { signer: cliSigner(url, operator) });
  const key = await cli(["audit", "key", "--public"], operator);
  expect(key).toMatchObject({ code: 0, err: "" });
  return { operator, url, publicKeyPem: key.out, closingSeq };
}

/** The auditor's side: a copy of the database and the public key, and no private key anywhere. */
function auditorCopy(operatorUrl: string, publicKeyPem: string): { auditor: string; url: string } {
  const auditor = dirs.make();
  copyFileSync(operatorUrl.slice("sqlite:".length), join(auditor, "trail.db"));
  writeFileSync(join(auditor, "audit.pub"), publicKeyPem);
  return { auditor, url: `sqlite:${join(auditor, "trail.db")}` };
}

describe("toolgate audit verify --public-key", () => {
  it("verifies a clean trail with only the public key, from the flag or TOOLGATE_AUDIT_PUBLIC_KEY, and writes nothing", async () => {
    const { url: operatorUrl, publicKeyPem, closingSeq } = await operatorTrail();
    expect(publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const { auditor, url } = auditorCopy(operatorUrl, publicKeyPem);
    const bytes = readFileSync(url.slice("sqlite:".length));

    const flag = await cli(["audit", "verify", "--audit", "sqlite:trail.db", "--public-key", "audit.pub"], auditor);
    expect(flag.err).toBe("");
    expect(flag.code).toBe(0);
    expect(flag.out).toMatch(new RegExp(`^ok: ${closingSeq} events, 1 checkpoints$`, "m"));
    expect(flag.out).toMatch(/^verified with only the public key ed25519:[0-9a-f]{16} \(audit\.pub\)$/m);

    const fromPath = await cli(["audit", "verify", "--audit", "sqlite:trail.db"], auditor, { TOOLGATE_AUDIT_PUBLIC_KEY: "audit.pub" });
    expect(fromPath.code).toBe(0);
    // The PEM text itself in the variable, as a CI secret would hold it.
    const inline = await cli(["audit", "verify", "--audit", "sqlite:trail.db", "--json"], auditor, { TOOLGATE_AUDIT_PUBLIC_KEY: publicKeyPem });
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.out)).toMatchObject({ ok: true, eventsChecked: closingSeq, publicKeys: [{ keyId: expect.stringMatching(/^ed25519:/), source: "TOOLGATE_AUDIT_PUBLIC_KEY" }] });

    // No key was created and not a byte of the trail changed: an auditor's check is read-only.
    expect(existsSync(join(auditor, "audit.key"))).toBe(false);
    expect(readFileSync(url.slice("sqlite:".length)).equals(bytes)).toBe(true);

    // Without any key, the error says what an auditor passes.
    const none = await cli(["audit", "verify", "--audit", "sqlite:trail.db"], auditor);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^toolgate: no audit key at \S+ — .*; an auditor without the private key passes --public-key <pem file>/m);
    expect(existsSync(join(auditor, "audit.key"))).toBe(false);
  });

  it("fails on a trail rewritten without the key, even with every hash recomputed", async () => {
    const { url: operatorUrl, publicKeyPem, closingSeq } = await operatorTrail();
    const { auditor, url } = auditorCopy(operatorUrl, publicKeyPem);
    const raw = sqliteHarness().raw(url);
    try {
      // What a forger with database access does best: turn the policy pass into a deny and re-link everything after it.
      const [verdict] = await raw.all(`SELECT seq FROM ${raw.events} WHERE trace_id = 'run-a' AND type = 'call.verdict' AND data LIKE '%"stage":"policy"%'`);
      await rewriteFrom(raw, Number(verdict!.seq), (row) => {
        row.data = row.data.replace('"outcome":"pass"', '"outcome":"deny"');
      });
    } finally {
      await raw.close();
    }
    const verify = await cli(["audit", "verify", "--audit", "sqlite:trail.db", "--public-key", "audit.pub"], auditor);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain(`broken: seq ${closingSeq}, bad-checkpoint: checkpoint ${closingSeq} does not verify: it vouches for seq ${closingSeq - 1} `);
    // The keys are right, so no key problem is reported.
    expect(verify.out).not.toMatch(/^key: /m);
  });

  it("with the wrong public key fails and names the key problem", async () => {
    const { url: operatorUrl, publicKeyPem } = await operatorTrail();
    const { auditor } = auditorCopy(operatorUrl, publicKeyPem);
    writeFileSync(join(auditor, "other.pub"), generateAuditKeyPair().publicKeyPem);
    const verify = await cli(["audit", "verify", "--audit", "sqlite:trail.db", "--public-key", "other.pub"], auditor);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/^broken: seq \d+, bad-checkpoint: checkpoint \d+ does not verify: it is signed by (ed25519:[0-9a-f]{16}), which is not a trusted key \(trusted: ed25519:[0-9a-f]{16}\)/m);
    expect(verify.out).toMatch(/^key: none of the public keys given \(ed25519:[0-9a-f]{16} from other\.pub\) signed this trail; it claims ed25519:[0-9a-f]{16} — ask its operator for the public key \(`toolgate audit key --public` on the signing host\)/m);
    const report = JSON.parse((await cli(["audit", "verify", "--audit", "sqlite:trail.db", "--public-key", "other.pub", "--json"], auditor)).out) as { ok: boolean; keyProblem: string };
    expect(report.ok).toBe(false);
    expect(report.keyProblem).toMatch(/^none of the public keys given/);
  });

  it("verifies a trail signed across a key rotation when every public key is given, and names the one left out", async () => {
    const operator = dirs.make();
    const url = `sqlite:${join(operator, "audit.db")}`;
    const oldKey = generateAuditKeyPair();
    const newKey = generateAuditKeyPair();
    writeFileSync(join(operator, "old.pub"), oldKey.publicKeyPem);
    writeFileSync(join(operator, "new.pub"), newKey.publicKeyPem);
    const oldSigner = createAuditSigner({ ed25519PrivateKeyPem: oldKey.privateKeyPem });
    const newSigner = createAuditSigner({ ed25519PrivateKeyPem: newKey.privateKeyPem });
    await seedRuns(url, operator, [{ traceId: "before-rotation", at: daysAgo(3) }], { signer: oldSigner });
    // The writer after the rotation trusts the old key too, or it would refuse to build on the old head.
    const { closingSeq } = await seedRuns(url, operator, [{ traceId: "after-rotation", at: daysAgo(1) }], {
      signer: newSigner,
      verifier: createAuditVerifier([{ ed25519PublicKeyPem: oldKey.publicKeyPem }, { ed25519PublicKeyPem: newKey.publicKeyPem }]),
    });

    const both = await cli(["audit", "verify", "--audit", "sqlite:audit.db", "--public-key", "old.pub", "--public-key", "new.pub"], operator);
    expect(both.err).toBe("");
    expect(both.code).toBe(0);
    expect(both.out).toMatch(new RegExp(`^ok: ${closingSeq} events, 2 checkpoints$`, "m"));
    expect(both.out).toMatch(/^verified with only the public keys ed25519:\S+ \(old\.pub\), ed25519:\S+ \(new\.pub\)$/m);

    const newOnly = await cli(["audit", "verify", "--audit", "sqlite:audit.db", "--public-key", "new.pub"], operator);
    expect(newOnly.code).toBe(1);
    expect(newOnly.out).toContain(`key: the trail also claims ${oldSigner.keyId}, which was not given (given: ${newSigner.keyId} from new.pub) — after a key rotation pass --public-key once per key, old ones too`);
  });

  it("refuses a private key, a key that is not Ed25519, and a missing file, naming the fix", async () => {
    const { url: operatorUrl, publicKeyPem } = await operatorTrail();
    const { auditor } = auditorCopy(operatorUrl, publicKeyPem);
    writeFileSync(join(auditor, "private.pem"), generateAuditKeyPair().privateKeyPem);
    writeFileSync(join(auditor, "rsa.pub"), generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString());
    writeFileSync(join(auditor, "empty.pub"), "not a key\n");
    const cases: Array<[string, RegExp]> = [
      ["private.pem", /^toolgate: --public-key private\.pem is a private key; verifying needs only the public key.* — on the signing host, `toolgate audit key --public > audit\.pub` writes it$/m],
      ["rsa.pub", /^toolgate: --public-key rsa\.pub: the audit verification key is a rsa key, not Ed25519 — pass the public half of the Ed25519 signing key$/m],
      ["empty.pub", /^toolgate: --public-key empty\.pub holds no PEM public key/m],
      ["absent.pub", /^toolgate: --public-key absent\.pub: no such file \S+absent\.pub — on the signing host/m],
    ];
    for (const [file, message] of cases) {
      const result = await cli(["audit", "verify", "--audit", "sqlite:trail.db", "--public-key", file], auditor);
      expect(result.code, file).toBe(2);
      expect(result.err).toMatch(message);
    }
  });
});
