// The verify-only keys an auditor passes to `toolgate audit verify`: Ed25519 public keys from --public-key files or TOOLGATE_AUDIT_PUBLIC_KEY.
import { readFileSync } from "node:fs";
import { delimiter, resolve } from "node:path";
import type { AuditVerifier } from "../audit/index.js";
import { AuditConfigError, createAuditVerifier } from "../audit/index.js";
import { usageError } from "./cli-error.js";

export const auditPublicKeyEnvVar = "TOOLGATE_AUDIT_PUBLIC_KEY";

export interface PublicKeyVerifier {
  /** Trusts every key given, so a trail signed across a key rotation verifies when each key is passed. */
  verifier: AuditVerifier;
  /** One entry per key, in the order given: its id and where it came from, for the report. */
  keys: Array<{ keyId: string; source: string }>;
}

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const exportHint = "on the signing host, `toolgate audit key --public > audit.pub` writes it";

/**
 * The verifier for --public-key files (repeatable), else for TOOLGATE_AUDIT_PUBLIC_KEY (file paths joined like PATH,
 * or the PEM text itself, which suits CI secrets); undefined when neither is set, so verify uses the signing key.
 */
export function publicKeyVerifier(flags: readonly string[] | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): PublicKeyVerifier | undefined {
  const keys: Array<{ pem: string; source: string; where: string }> = [];
  if (flags !== undefined && flags.length > 0) {
    for (const flag of flags) keys.push(...pemsIn(readKeyFile(resolve(cwd, flag), `--public-key ${flag}`), `--public-key ${flag}`, flag));
  } else {
    const fromEnv = env[auditPublicKeyEnvVar]?.trim();
    if (fromEnv === undefined || fromEnv === "") return undefined;
    if (fromEnv.includes("-----BEGIN")) keys.push(...pemsIn(fromEnv, auditPublicKeyEnvVar, auditPublicKeyEnvVar));
    else {
      for (const path of fromEnv.split(delimiter).filter((part) => part.trim() !== "")) {
        const where = `${auditPublicKeyEnvVar} (${path})`;
        keys.push(...pemsIn(readKeyFile(resolve(cwd, path), where), where, path));
      }
    }
  }
  const loaded = keys.map(({ pem, source, where }) => {
    try {
      return { keyId: createAuditVerifier({ ed25519PublicKeyPem: pem }).keyIds[0]!, pem, source };
    } catch (error) {
      if (error instanceof AuditConfigError) throw usageError(`${where}: ${error.message}`, error);
      throw error;
    }
  });
  return {
    verifier: createAuditVerifier(loaded.map(({ pem }) => ({ ed25519PublicKeyPem: pem }))),
    keys: loaded.map(({ keyId, source }) => ({ keyId, source })),
  };
}

function readKeyFile(path: string, where: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(code === "ENOENT" ? `${where}: no such file ${path} — ${exportHint}` : `${where}: cannot read ${path}: ${(error as Error).message}`, error);
  }
}

/** Every PEM block in `text`; a private key is refused, because the point of this flag is that auditors never hold one. */
function pemsIn(text: string, where: string, source: string): Array<{ pem: string; source: string; where: string }> {
  const blocks = [...text.matchAll(pemBlock)];
  if (blocks.length === 0) throw usageError(`${where} holds no PEM public key (-----BEGIN PUBLIC KEY-----) — ${exportHint}`);
  return blocks.map((block) => {
    if (block[1]!.includes("PRIVATE")) {
      throw usageError(`${where} is a private key; verifying needs only the public key, and a private key on an auditor's machine could re-sign the trail — ${exportHint}`);
    }
    return { pem: block[0], source, where };
  });
}
