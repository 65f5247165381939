// Key resolution: the environment first, then a key file created once with mode 0600, and clear errors for unusable keys.
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { defaultAuditKeyPath, resolveAuditKey } from "./audit-key.js";
import { AuditConfigError } from "./errors.js";
import { createAuditSigner, generateAuditKeyPair } from "./signer.js";

const dir = mkdtempSync(join(tmpdir(), "toolgate-audit-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const unix = process.platform !== "win32";

describe("defaultAuditKeyPath", () => {
  it("puts the key beside a SQLite store, else under .toolgate/ in cwd", () => {
    expect(defaultAuditKeyPath("sqlite:.toolgate/audit.db", "/srv/app")).toBe("/srv/app/.toolgate/audit.key");
    expect(defaultAuditKeyPath("sqlite:/var/lib/tg/a.db", "/srv/app")).toBe("/var/lib/tg/audit.key");
    expect(defaultAuditKeyPath("postgres://db/x", "/srv/app")).toBe("/srv/app/.toolgate/audit.key");
  });
});

describe("resolveAuditKey", () => {
  it("uses an HMAC secret from TOOLGATE_AUDIT_KEY", () => {
    const resolved = resolveAuditKey({ env: { TOOLGATE_AUDIT_KEY: "hmac:a-long-enough-shared-secret" }, keyPath: join(dir, "unused.key"), cwd: dir });
    expect(resolved.source).toBe("env-hmac");
    expect(resolved.signer.keyId).toBe(createAuditSigner({ hmacSecret: "a-long-enough-shared-secret" }).keyId);
  });

  it("reads an Ed25519 key from the path in TOOLGATE_AUDIT_KEY", () => {
    const pair = generateAuditKeyPair();
    writeFileSync(join(dir, "env.pem"), pair.privateKeyPem, { mode: 0o600 });
    const resolved = resolveAuditKey({ env: { TOOLGATE_AUDIT_KEY: "env.pem" }, keyPath: join(dir, "unused.key"), cwd: dir });
    expect(resolved).toMatchObject({ source: "env-file", path: join(dir, "env.pem"), publicKeyPem: pair.publicKeyPem });
    expect(() => resolveAuditKey({ env: { TOOLGATE_AUDIT_KEY: "missing.pem" }, keyPath: "x", cwd: dir })).toThrow(/points to .*missing.pem, which does not exist — set it to hmac:<secret>/);
  });

  it("creates the key file once with mode 0600 and reuses it", () => {
    const keyPath = join(dir, "store", "audit.key");
    const first = resolveAuditKey({ env: {}, keyPath, cwd: dir });
    expect(first.source).toBe("created-key-file");
    if (unix) expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const second = resolveAuditKey({ env: {}, keyPath, cwd: dir });
    expect(second.source).toBe("key-file");
    expect(second.signer.keyId).toBe(first.signer.keyId);
    expect(readFileSync(keyPath, "utf8")).toContain("BEGIN PRIVATE KEY");
  });

  // serve --workers N starts N processes on one store at once: each must end up with the same, whole key.
  it("gives processes creating the key at the same moment one whole key, and leaves no draft behind", async () => {
    const keyPath = join(dir, "racing", "audit.key");
    const module = pathToFileURL(fileURLToPath(new URL("./audit-key.ts", import.meta.url))).href;
    const startAt = Date.now() + 3000;
    const script = `import { resolveAuditKey } from ${JSON.stringify(module)};
      while (Date.now() < ${startAt}) {}
      process.stdout.write(resolveAuditKey({ env: {}, keyPath: ${JSON.stringify(keyPath)}, cwd: ${JSON.stringify(dir)} }).signer.keyId);`;
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const keyIds = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolveRun, reject) =>
            execFile(process.execPath, ["--import", tsx, "--input-type=module", "-e", script], { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolveRun(stdout))),
          ),
      ),
    );
    expect(new Set(keyIds).size).toBe(1);
    expect(keyIds[0]).toBe(resolveAuditKey({ env: {}, keyPath, cwd: dir, create: false }).signer.keyId);
    expect(readdirSync(dirname(keyPath))).toEqual(["audit.key"]);
  }, 90_000);

  it("does not create a key when asked only to read, and says how to get one", () => {
    expect(() => resolveAuditKey({ env: {}, keyPath: join(dir, "none", "audit.key"), cwd: dir, create: false })).toThrow(/no audit key at .* — set TOOLGATE_AUDIT_KEY/);
  });

  it.runIf(unix)("refuses a key file others can read, naming chmod", () => {
    const keyPath = join(dir, "loose.key");
    writeFileSync(keyPath, generateAuditKeyPair().privateKeyPem);
    chmodSync(keyPath, 0o644);
    expect(() => resolveAuditKey({ env: {}, keyPath, cwd: dir })).toThrow(AuditConfigError);
    expect(() => resolveAuditKey({ env: {}, keyPath, cwd: dir })).toThrow(`run chmod 600 ${keyPath}`);
  });
});
