// Finds the audit signing key for the CLI: TOOLGATE_AUDIT_KEY, else a key file beside the store, created once with mode 0600.
//
// What an on-box key buys: tamper evidence against anyone who can change the database but cannot read the key — a
// DBA, a compromised app role, a restored or doctored backup. It does not protect against an attacker who can read
// the key file (root on the host): they can re-sign a rewritten chain. Against that, keep the key off the box
// (TOOLGATE_AUDIT_KEY from a secret manager), give auditors only the public key, and copy signed heads elsewhere.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseStoreUrl } from "../store/index.js";
import { AuditConfigError, asAuditConfigError } from "./errors.js";
import type { AuditSigner } from "./signer.js";
import { auditPublicKeyPem, createAuditSigner, generateAuditKeyPair } from "./signer.js";

export const auditKeyEnvVar = "TOOLGATE_AUDIT_KEY";

export interface ResolveAuditKeyOptions {
  /** The environment to read TOOLGATE_AUDIT_KEY from (pass process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** The key file to use (and create) when the variable is unset; see defaultAuditKeyPath. */
  keyPath: string;
  /** Base for a relative path in TOOLGATE_AUDIT_KEY. */
  cwd: string;
  /** Create the key file when it is missing (default true); false for commands that only read. */
  create?: boolean;
  /** Skips the permission check where modes mean nothing (win32). Defaults to process.platform. */
  platform?: string;
}

export interface ResolvedAuditKey {
  signer: AuditSigner;
  /** Where the key came from, for `toolgate audit` to print. */
  source: "env-hmac" | "env-file" | "key-file" | "created-key-file";
  path?: string;
  /** For Ed25519 keys: what to hand an auditor so they can verify without being able to sign. */
  publicKeyPem?: string;
}

/** `audit.key` beside a SQLite store; `.toolgate/audit.key` under cwd for PostgreSQL or in-memory stores. */
export function defaultAuditKeyPath(storeUrl: string, cwd: string): string {
  let location;
  try {
    location = parseStoreUrl(storeUrl, cwd, "audit store");
  } catch (error) {
    throw asAuditConfigError(error);
  }
  if (location.kind === "sqlite" && !location.memory) return join(dirname(location.path), "audit.key");
  return join(resolve(cwd), ".toolgate", "audit.key");
}

export function resolveAuditKey(options: ResolveAuditKeyOptions): ResolvedAuditKey {
  const platform = options.platform ?? process.platform;
  const fromEnv = options.env[auditKeyEnvVar];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.startsWith("hmac:")) return { signer: createAuditSigner({ hmacSecret: fromEnv.slice("hmac:".length) }), source: "env-hmac" };
    const path = resolve(options.cwd, fromEnv);
    const pem = readKeyFile(path, platform, `${auditKeyEnvVar} points to ${path}, which does not exist — set it to hmac:<secret> or to the path of an Ed25519 private key (openssl genpkey -algorithm ed25519)`);
    return { signer: createAuditSigner({ ed25519PrivateKeyPem: pem }), source: "env-file", path, publicKeyPem: auditPublicKeyPem(pem) };
  }
  const path = resolve(options.keyPath);
  let created = false;
  if (options.create !== false) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKeyPem } = generateAuditKeyPair();
    // Written whole under a private name, then linked into place: link() fails if the key exists, so two processes starting
    // at once (serve --workers) cannot each write (and later disagree on) a key, and neither can read the other's half-written file.
    const draft = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      writeFileSync(draft, privateKeyPem, { mode: 0o600, flag: "wx" });
      try {
        linkSync(draft, path);
      } catch (error) {
        // A file system without hard links: an exclusive create, as before (the window between create and write remains).
        if (!["EPERM", "ENOTSUP", "ENOSYS", "EOPNOTSUPP"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
        writeFileSync(path, privateKeyPem, { mode: 0o600, flag: "wx" });
      }
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new AuditConfigError(`cannot create the audit key file ${path}: ${(error as Error).message}`, `make ${dirname(path)} writable, or set ${auditKeyEnvVar}`, { cause: error });
      }
    } finally {
      rmSync(draft, { force: true });
    }
  }
  const pem = readKeyFile(path, platform, `no audit key at ${path} — set ${auditKeyEnvVar} (hmac:<secret> or an Ed25519 key path), or run a command that writes to the store once to create it`);
  return { signer: createAuditSigner({ ed25519PrivateKeyPem: pem }), source: created ? "created-key-file" : "key-file", path, publicKeyPem: auditPublicKeyPem(pem) };
}

function readKeyFile(path: string, platform: string, missing: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      const [problem, hint] = missing.split(" — ");
      throw new AuditConfigError(problem!, hint!);
    }
    throw new AuditConfigError(`cannot read the audit key ${path}: ${(error as Error).message}`, "check its permissions", { cause: error });
  }
  // Like ssh with a private key: a key others can read proves nothing about who signed.
  if (platform !== "win32" && (mode & 0o077) !== 0) {
    throw new AuditConfigError(`the audit key ${path} is readable by other users (mode ${(mode & 0o777).toString(8)})`, `run chmod 600 ${path}`);
  }
  return readFileSync(path, "utf8");
}
