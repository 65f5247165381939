// `toolgate dataset verify-manifest <bundle dir>`: re-hashes every file and checks the manifest's audit-key signature; exit 1 on any change.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface VerifyManifestOptions {
  audit?: string;
  dataDir?: string;
  publicKey?: string;
  json?: boolean;
}

export function registerDatasetVerifyManifestCommand(datasetCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  datasetCommand
    .command("verify-manifest <dir>")
    .description("check a bundle against its manifest.json: every file's sha256, no file added or missing, and the audit-key signature")
    .option("--public-key <pem file>", "verify with this Ed25519 public key (an auditor without the private key)")
    .option("--audit <url>", "the audit store whose key signed the bundle (default: sqlite:<data dir>/audit.db)")
    .option("--data-dir <dir>", "where the default audit store and its key live")
    .option("--json", "print the check as JSON")
    .action(async (dir: string, options: VerifyManifestOptions) => {
      done(await verifyManifest(dir, options, io));
    });
}

async function verifyManifest(dir: string, options: VerifyManifestOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const { verifyBundleManifest } = await import("../dataset/index.js");
  const { createAuditVerifier, defaultAuditKeyPath, resolveAuditKey } = await import("../audit/index.js");
  let verifier;
  try {
    if (options.publicKey !== undefined) {
      verifier = createAuditVerifier({ ed25519PublicKeyPem: await readFile(resolve(cwd, options.publicKey), "utf8") });
    } else {
      const { cliAuditUrl } = await import("./audit-command.js");
      const url = cliAuditUrl(options.audit, options.dataDir, io);
      verifier = resolveAuditKey({ env: io.env, keyPath: defaultAuditKeyPath(url, cwd), cwd, create: false }).signer.verifier;
    }
  } catch (error) {
    throw usageError(`no key to check the signature with: ${(error as Error).message}; pass --public-key <pem>`, error);
  }
  let check;
  try {
    check = await verifyBundleManifest(resolve(cwd, dir), verifier);
  } catch (error) {
    throw usageError((error as Error).message, error);
  }
  if (options.json) {
    const { manifest: _manifest, ...rest } = check;
    writeLine(io.stdout, JSON.stringify(rest));
  } else {
    writeLine(io.stdout, `${dir}: ${check.ok ? "OK" : "FAILED"} — signature ${check.signature}${check.manifest.signature ? ` (${check.manifest.signature.keyId})` : ""}, ${check.manifest.files.length} files in the manifest`);
    for (const path of check.changed) writeLine(io.stdout, `  changed: ${path}`);
    for (const path of check.missing) writeLine(io.stdout, `  missing: ${path}`);
    for (const path of check.added) writeLine(io.stdout, `  added:   ${path}`);
  }
  return check.ok ? 0 : 1;
}
