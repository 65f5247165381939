// A bundle's manifest: what the data is, where it came from and the hash of every file, signed with the audit key.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { AuditSigner, AuditVerifier } from "../../audit/index.js";
import { canonicalJson, digestOf } from "../../record/index.js";

export const manifestFileName = "manifest.json";
export const manifestSchema = "toolgate.dataset-manifest/v1";
// Its own prefix, so a manifest signature can never pass for a checkpoint or head signature (or the reverse).
const manifestDomain = "toolgate-dataset-manifest-v1";

export interface ManifestSource {
  file: string;
  format: string;
  licence: string;
  rows: number;
}

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ManifestStepCount {
  step: string;
  rowsIn: number;
  rowsOut: number;
  detail?: unknown;
}

/** The audit chain's head when the traces were read: the attestation is "trained on the trail up to here". */
export interface ManifestAuditHead {
  store: string;
  headSeq: number;
  headHash: string;
}

export interface DatasetManifest {
  schema: typeof manifestSchema;
  createdAt: string;
  trainer: string;
  baseModel: string;
  template: { name: string; sha256: string };
  tokenizer: string;
  maxTokens: number;
  rows: { train: number; eval: number };
  tokens: { train: number; trained: number };
  categories: Record<string, number>;
  sources: ManifestSource[];
  filters: unknown;
  seeds: Record<string, number>;
  steps: ManifestStepCount[];
  leakage: unknown;
  audit?: ManifestAuditHead;
  files: ManifestFile[];
  signature?: { algorithm: string; keyId: string; value: string };
}

export type UnsignedManifest = Omit<DatasetManifest, "signature">;

function manifestStatement(manifest: UnsignedManifest): string {
  return `${manifestDomain}\n${canonicalJson(manifest)}`;
}

export function signManifest(manifest: UnsignedManifest, signer: AuditSigner): DatasetManifest {
  return { ...manifest, signature: { algorithm: signer.algorithm, keyId: signer.keyId, value: signer.sign(manifestStatement(manifest)) } };
}

/** sha256 of the signed manifest's canonical form: what the audit event records. */
export function manifestDigest(manifest: DatasetManifest): string {
  return digestOf(manifest);
}

export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Every file under `dir` except the manifest, sorted, with sizes and hashes (paths use `/` on every platform). */
export async function hashBundleFiles(dir: string): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const name = relative(dir, path).split(sep).join("/");
        if (name === manifestFileName) continue;
        files.push({ path: name, ...(await hashFile(path)) });
      }
    }
  }
  await walk(dir);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface ManifestCheck {
  ok: boolean;
  signature: "valid" | "invalid" | "unsigned" | "unknown-key";
  changed: string[];
  missing: string[];
  added: string[];
  manifest: DatasetManifest;
}

/** Re-hashes a bundle folder against its manifest and checks the signature with `verifier` (the audit key or its public half). */
export async function verifyBundleManifest(dir: string, verifier?: AuditVerifier): Promise<ManifestCheck> {
  const manifestPath = join(dir, manifestFileName);
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, "utf8")) as DatasetManifest;
  } catch (error) {
    throw new Error(`${manifestPath}: cannot read the manifest: ${(error as Error).message}`, { cause: error });
  }
  if (manifest.schema !== manifestSchema || !Array.isArray(manifest.files)) throw new Error(`${manifestPath}: not a toolgate dataset manifest (schema ${String(manifest.schema)})`);
  const { signature, ...unsigned } = manifest;
  let signatureState: ManifestCheck["signature"] = "unsigned";
  if (signature) {
    if (!verifier || !verifier.keyIds.includes(signature.keyId)) signatureState = "unknown-key";
    else signatureState = verifier.verify(manifestStatement(unsigned), signature.value, signature.keyId, signature.algorithm) ? "valid" : "invalid";
  }
  const present = new Map((await hashBundleFiles(dir)).map((file) => [file.path, file]));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of manifest.files) {
    const found = present.get(file.path);
    if (!found) missing.push(file.path);
    else if (found.sha256 !== file.sha256 || found.bytes !== file.bytes) changed.push(file.path);
    present.delete(file.path);
  }
  const added = [...present.keys()];
  return { ok: signatureState === "valid" && changed.length === 0 && missing.length === 0 && added.length === 0, signature: signatureState, changed, missing, added, manifest };
}
