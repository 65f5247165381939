// Signers sign, verifiers accept only their own keys, and bad key material fails with the command that makes a good one.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AuditConfigError } from "./errors.js";
import { auditPublicKeyPem, createAuditSigner, createAuditVerifier, generateAuditKeyPair, saltedRedactionDigest } from "./signer.js";

const secret = "a-test-secret-of-enough-length";

describe("Ed25519 signer", () => {
  const pair = generateAuditKeyPair();
  const signer = createAuditSigner({ ed25519PrivateKeyPem: pair.privateKeyPem });

  it("signs statements that its own verifier and a public-key verifier accept", () => {
    const signature = signer.sign("head 5");
    expect(Buffer.from(signature, "base64")).toHaveLength(64);
    expect(signer.algorithm).toBe("ed25519");
    expect(signer.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(signer.verifier.verify("head 5", signature, signer.keyId, "ed25519")).toBe(true);
    const auditor = createAuditVerifier({ ed25519PublicKeyPem: pair.publicKeyPem });
    expect(auditor.keyIds).toEqual([signer.keyId]);
    expect(auditor.verify("head 5", signature, signer.keyId, "ed25519")).toBe(true);
    expect(auditPublicKeyPem(pair.privateKeyPem)).toBe(pair.publicKeyPem);
  });

  it("rejects another statement, another key id, another algorithm, or a mangled signature", () => {
    const signature = signer.sign("head 5");
    expect(signer.verifier.verify("head 6", signature, signer.keyId, "ed25519")).toBe(false);
    expect(signer.verifier.verify("head 5", signature, "ed25519:0000000000000000", "ed25519")).toBe(false);
    expect(signer.verifier.verify("head 5", signature, signer.keyId, "hmac-sha256")).toBe(false);
    expect(signer.verifier.verify("head 5", signature.slice(4), signer.keyId, "ed25519")).toBe(false);
    const other = createAuditSigner({ ed25519PrivateKeyPem: generateAuditKeyPair().privateKeyPem });
    expect(signer.verifier.verify("head 5", other.sign("head 5"), other.keyId, "ed25519")).toBe(false);
  });

  it("derives a redaction digest that is stable per key and differs between keys", () => {
    const again = createAuditSigner({ ed25519PrivateKeyPem: pair.privateKeyPem });
    const other = createAuditSigner({ ed25519PrivateKeyPem: generateAuditKeyPair().privateKeyPem });
    expect(signer.redactionDigest('"123-45-6789"')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.redactionDigest('"123-45-6789"')).toBe(signer.redactionDigest('"123-45-6789"'));
    expect(other.redactionDigest('"123-45-6789"')).not.toBe(signer.redactionDigest('"123-45-6789"'));
  });

  it("refuses non-Ed25519 or unreadable keys, naming how to generate one", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => createAuditSigner({ ed25519PrivateKeyPem: rsa })).toThrow(/rsa key, not Ed25519.*openssl genpkey -algorithm ed25519/);
    expect(() => createAuditSigner({ ed25519PrivateKeyPem: "not a key" })).toThrow(AuditConfigError);
    expect(() => createAuditVerifier({ ed25519PublicKeyPem: "nope" })).toThrow(/openssl pkey/);
  });
});

describe("HMAC signer", () => {
  it("signs and verifies with the shared secret only", () => {
    const signer = createAuditSigner({ hmacSecret: secret });
    const signature = signer.sign("head 1");
    expect(signer.algorithm).toBe("hmac-sha256");
    expect(signer.keyId).toMatch(/^hmac:[0-9a-f]{16}$/);
    expect(createAuditVerifier({ hmacSecret: secret }).verify("head 1", signature, signer.keyId, "hmac-sha256")).toBe(true);
    const wrong = createAuditVerifier({ hmacSecret: `${secret}-other` });
    expect(wrong.verify("head 1", signature, signer.keyId, "hmac-sha256")).toBe(false);
    expect(signer.verifier.verify("head 1", "AAAA", signer.keyId, "hmac-sha256")).toBe(false);
  });

  it("refuses a short secret and says how to make a long one", () => {
    expect(() => createAuditSigner({ hmacSecret: "short" })).toThrow(/openssl rand -hex 32/);
  });
});

describe("verifier over several keys", () => {
  it("accepts signatures from any trusted key, so a chain spanning a key rotation verifies", () => {
    const old = createAuditSigner({ hmacSecret: secret });
    const pair = generateAuditKeyPair();
    const current = createAuditSigner({ ed25519PrivateKeyPem: pair.privateKeyPem });
    const verifier = createAuditVerifier([{ hmacSecret: secret }, { ed25519PublicKeyPem: pair.publicKeyPem }]);
    expect(verifier.keyIds).toEqual([old.keyId, current.keyId]);
    expect(verifier.verify("s", old.sign("s"), old.keyId, old.algorithm)).toBe(true);
    expect(verifier.verify("s", current.sign("s"), current.keyId, current.algorithm)).toBe(true);
    expect(verifier.verify("s", current.sign("s"), old.keyId, current.algorithm)).toBe(false);
    expect(() => createAuditVerifier([])).toThrow(AuditConfigError);
  });
});

describe("saltedRedactionDigest", () => {
  it("is stable for one salt and differs across salts", () => {
    const a = saltedRedactionDigest("salt-for-redaction-1");
    const b = saltedRedactionDigest("salt-for-redaction-2");
    expect(a("1")).toBe(saltedRedactionDigest("salt-for-redaction-1")("1"));
    expect(a("1")).not.toBe(b("1"));
  });
});
