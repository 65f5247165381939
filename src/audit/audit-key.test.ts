// Key resolution: the environment first, then a key file created once with mode 0600, and clear errors for unusable keys.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
