// What an operator hands outside the database: the public key for auditors (`audit key`) and the signed head to publish (`audit head`).
import type { ChainedAuditStore, ResolvedAuditKey } from "../audit/index.js";
import { auditKeyEnvVar } from "../audit/index.js";
import { CliError, exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

const sourceText: Record<ResolvedAuditKey["source"], string> = {
  "env-hmac": `${auditKeyEnvVar} (an HMAC secret)`,
  "env-file": `the file ${auditKeyEnvVar} names`,
  "key-file": "the key file beside the store",
  "created-key-file": "the key file beside the store",
};

/** `audit key`: which key signs the trail; with --public, only the public key PEM, so it can be redirected into a file. */
export function printAuditKey(key: ResolvedAuditKey, options: { public?: boolean; json?: boolean }, io: CliIo): number {
  const { signer } = key;
  if (options.public) {
    if (key.publicKeyPem === undefined) {
      throw usageError(
        `${auditKeyEnvVar} is an HMAC secret, which has no public half: whoever can verify with it can also sign — to give auditors a verify-only key, switch to Ed25519 (openssl genpkey -algorithm ed25519 -out audit.key, then ${auditKeyEnvVar}=audit.key)`,
      );
    }
    io.stdout.write(key.publicKeyPem);
    return exitCodes.ok;
  }
  const where = `${sourceText[key.source]}${key.path === undefined ? "" : ` ${key.path}`}`;
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ keyId: signer.keyId, algorithm: signer.algorithm, source: key.source, ...(key.path === undefined ? {} : { path: key.path }), ...(key.publicKeyPem === undefined ? {} : { publicKeyPem: key.publicKeyPem }) }, null, 2));
    return exitCodes.ok;
  }
  writeLine(io.stdout, `key ${signer.keyId} (${signer.algorithm}) from ${where}`);
  writeLine(
    io.stdout,
    key.publicKeyPem === undefined
      ? "auditors need the HMAC secret itself to verify (it can also sign); an Ed25519 key lets them verify with only its public half"
      : "give auditors the public key: toolgate audit key --public > audit.pub; they run toolgate audit verify --public-key audit.pub",
  );
  return exitCodes.ok;
}

/** `audit head`: the signed head record as it stands, to copy somewhere the database's operators cannot rewrite. */
export async function printAuditHead(store: ChainedAuditStore, options: { json?: boolean }, io: CliIo): Promise<number> {
  const head = await store.head();
  if (head === undefined) throw new CliError("runtime", `${store.url} has no signed head record: nothing was ever written to it with a key, or the record was deleted — run \`toolgate audit verify\``);
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ store: store.url, ...head }, null, 2));
    return exitCodes.ok;
  }
  writeLine(io.stdout, `head seq ${head.headSeq} · hash ${head.headHash}`);
  writeLine(io.stdout, `last checkpoint seq ${head.lastCheckpointSeq} · signed ${head.signedAt} by ${head.keyId} (${head.algorithm})`);
  writeLine(io.stdout, `signature ${head.signature}`);
  writeLine(io.stdout, "publish it outside the database (toolgate audit head --json > head.json); later, toolgate audit verify --published-head head.json catches a roll-back to an older head");
  return exitCodes.ok;
}
