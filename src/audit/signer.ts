// Keys for the audit trail: a signer (Ed25519 private key or HMAC secret) and a verifier that trusts one or more keys.
import type { KeyObject } from "node:crypto";
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, timingSafeEqual, verify } from "node:crypto";
import { AuditConfigError } from "./errors.js";

type AuditSignatureAlgorithm = "ed25519" | "hmac-sha256";

/** How a key is given: an Ed25519 private key in PEM (PKCS#8), or a shared HMAC secret. */
export type AuditSignerKey = { ed25519PrivateKeyPem: string } | { hmacSecret: string };
/** What a verifier may be given: a public key suffices for Ed25519; HMAC needs the secret itself. */
export type AuditVerifierKey = { ed25519PublicKeyPem: string } | { ed25519PrivateKeyPem: string } | { hmacSecret: string };

export interface AuditVerifier {
  /** Key ids this verifier accepts signatures from, e.g. `ed25519:3f9a…`. */
  readonly keyIds: readonly string[];
  /** Whether `signature` (base64) over `statement` was made by the trusted key `keyId` with `algorithm`. */
  verify(statement: string, signature: string, keyId: string, algorithm: string): boolean;
}

export interface AuditSigner {
  readonly algorithm: AuditSignatureAlgorithm;
  readonly keyId: string;
  /** Base64 signature over the UTF-8 statement. */
  sign(statement: string): string;
  /**
   * Keyed digest for redaction, `sha256:<hex>`: equal values give equal digests under one key, and nobody without
   * the key can test a guess (a plain hash of a 9-digit SSN is reversed by enumeration in seconds).
   */
  redactionDigest(canonicalValue: string): string;
  /** Verifies what this signer signs. */
  readonly verifier: AuditVerifier;
}

const minimumSecretLength = 16;
// Domain separation: the redaction key and the key id are derived from the signing key but can never be used as it.
const redactionLabel = "toolgate-audit-redaction-v1";
const keyIdLabel = "toolgate-audit-key-id-v1";

export function createAuditSigner(key: AuditSignerKey): AuditSigner {
  if ("hmacSecret" in key) return hmacSigner(checkSecret(key.hmacSecret));
  if ("ed25519PrivateKeyPem" in key) return ed25519Signer(loadPrivateKey(key.ed25519PrivateKeyPem));
  throw new AuditConfigError("no audit key given", "pass { ed25519PrivateKeyPem } or { hmacSecret } to createAuditSigner");
}

/** A verifier trusting every key given; several keys let a chain that spans a key rotation verify. */
export function createAuditVerifier(keys: AuditVerifierKey | AuditVerifierKey[]): AuditVerifier {
  const list = Array.isArray(keys) ? keys : [keys];
  if (list.length === 0) throw new AuditConfigError("no verification key given", "pass at least one Ed25519 public key or HMAC secret");
  const verifiers = list.map((entry): AuditVerifier => {
    if ("hmacSecret" in entry) return hmacSigner(checkSecret(entry.hmacSecret)).verifier;
    if ("ed25519PrivateKeyPem" in entry) return ed25519Verifier(createPublicKey(loadPrivateKey(entry.ed25519PrivateKeyPem)));
    return ed25519Verifier(loadPublicKey(entry.ed25519PublicKeyPem));
  });
  return combineVerifiers(verifiers);
}

function combineVerifiers(verifiers: AuditVerifier[]): AuditVerifier {
  const byId = new Map<string, AuditVerifier>();
  for (const verifier of verifiers) for (const id of verifier.keyIds) byId.set(id, verifier);
  return {
    keyIds: [...byId.keys()],
    verify: (statement, signature, keyId, algorithm) => byId.get(keyId)?.verify(statement, signature, keyId, algorithm) ?? false,
  };
}

/** A fresh Ed25519 key pair in PEM, for a key file or for handing the public half to an auditor. */
export function generateAuditKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The public half of an Ed25519 private key, in PEM. */
export function auditPublicKeyPem(ed25519PrivateKeyPem: string): string {
  return createPublicKey(loadPrivateKey(ed25519PrivateKeyPem)).export({ type: "spki", format: "pem" }).toString();
}

function checkSecret(secret: string): Buffer {
  if (typeof secret !== "string" || Buffer.byteLength(secret, "utf8") < minimumSecretLength) {
    throw new AuditConfigError(
      `the HMAC audit secret is shorter than ${minimumSecretLength} bytes`,
      "use a long random secret, e.g. `openssl rand -hex 32`",
    );
  }
  return Buffer.from(secret, "utf8");
}

function loadPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (cause) {
    throw new AuditConfigError("the audit key is not a readable PEM private key", "generate one with `openssl genpkey -algorithm ed25519`", { cause });
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new AuditConfigError(`the audit key is a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`, "generate one with `openssl genpkey -algorithm ed25519`");
  }
  return key;
}

function loadPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (cause) {
    throw new AuditConfigError("the audit verification key is not a readable PEM public key", "export it with `openssl pkey -in audit.key -pubout`", { cause });
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new AuditConfigError(`the audit verification key is a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`, "pass the public half of the Ed25519 signing key");
  }
  return key;
}

function ed25519KeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return `ed25519:${createHash("sha256").update(der).digest("hex").slice(0, 16)}`;
}

function ed25519Verifier(publicKey: KeyObject): AuditVerifier {
  const keyId = ed25519KeyId(publicKey);
  return {
    keyIds: [keyId],
    verify(statement, signature, claimedKeyId, algorithm) {
      if (claimedKeyId !== keyId || algorithm !== "ed25519") return false;
      const bytes = Buffer.from(signature, "base64");
      if (bytes.length !== 64) return false;
      return verify(null, Buffer.from(statement, "utf8"), publicKey, bytes);
    },
  };
}

function ed25519Signer(privateKey: KeyObject): AuditSigner {
  const verifier = ed25519Verifier(createPublicKey(privateKey));
  // The redaction key must not be derivable from anything public, so it comes from the private key's bytes.
  const redactionKey = createHmac("sha256", privateKey.export({ type: "pkcs8", format: "der" })).update(redactionLabel).digest();
  return {
    algorithm: "ed25519",
    keyId: verifier.keyIds[0]!,
    sign: (statement) => sign(null, Buffer.from(statement, "utf8"), privateKey).toString("base64"),
    redactionDigest: (value) => `sha256:${createHmac("sha256", redactionKey).update(value, "utf8").digest("hex")}`,
    verifier,
  };
}

function hmacSigner(secret: Buffer): AuditSigner {
  const keyId = `hmac:${createHmac("sha256", secret).update(keyIdLabel).digest("hex").slice(0, 16)}`;
  const redactionKey = createHmac("sha256", secret).update(redactionLabel).digest();
  const mac = (statement: string) => createHmac("sha256", secret).update(statement, "utf8").digest();
  return {
    algorithm: "hmac-sha256",
    keyId,
    sign: (statement) => mac(statement).toString("base64"),
    redactionDigest: (value) => `sha256:${createHmac("sha256", redactionKey).update(value, "utf8").digest("hex")}`,
    verifier: {
      keyIds: [keyId],
      verify(statement, signature, claimedKeyId, algorithm) {
        if (claimedKeyId !== keyId || algorithm !== "hmac-sha256") return false;
        const given = Buffer.from(signature, "base64");
        const expected = mac(statement);
        return given.length === expected.length && timingSafeEqual(given, expected);
      },
    },
  };
}

/** A redaction digest under an explicit salt, for stores that redact with a configured salt instead of the signing key. */
export function saltedRedactionDigest(salt: string): (canonicalValue: string) => string {
  const key = createHmac("sha256", checkSecret(salt)).update(redactionLabel).digest();
  return (value) => `sha256:${createHmac("sha256", key).update(value, "utf8").digest("hex")}`;
}
