// Paused runs at rest: the whole RunState encrypted and authenticated (AES-256-GCM) under a key derived from the deployment key.
//
// Why encrypt rather than redact: a resumed run must hand the model exactly the conversation it paused with (the
// customer's e-mail the waiting call sends to, the tool results beside it); a redacted state would change or lose
// it. Sealing keeps it whole while a copy of the database reveals nothing, and the authentication tag makes an edit
// (a waiting call's arguments, the `resumedAt` mark that stops a second resume) fail loudly instead of running.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { RunState } from "./run-state.js";
import { parseRunState, RunStateError } from "./run-state.js";

/** A 32-byte key and a short public id (to say which key sealed a state, never the key itself). */
export interface RunStateKey {
  id: string;
  bytes: Buffer;
}

export interface SealedRunState {
  sealed: "aes-256-gcm";
  version: 1;
  traceId: string;
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

// Labels that are not canonical JSON of any value, so no redaction digest in an audit trail can equal a derived key.
const keyLabel = "toolgate run-state encryption key v1";
const keyIdLabel = "toolgate run-state key id v1";

/**
 * Derives the key from the deployment key's keyed digest (audit signer's `redactionDigest`): whoever holds the key
 * that signs approvals can resume; a reader of the database alone cannot.
 */
export function runStateKeyFrom(signer: { redactionDigest(value: string): string }): RunStateKey {
  const bytes = Buffer.from(signer.redactionDigest(keyLabel).replace(/^sha256:/, ""), "hex");
  if (bytes.length !== 32) throw new RunStateError("the deployment key gave no 32-byte digest to derive the run-state key from");
  return { id: `rs:${signer.redactionDigest(keyIdLabel).replace(/^sha256:/, "").slice(0, 16)}`, bytes };
}

export function sealRunState(state: RunState, key: RunStateKey): SealedRunState {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  // The trace id is bound as associated data: a sealed state copied under another trace's row does not open.
  cipher.setAAD(Buffer.from(state.traceId, "utf8"));
  const data = Buffer.concat([cipher.update(JSON.stringify(state), "utf8"), cipher.final()]);
  return { sealed: "aes-256-gcm", version: 1, traceId: state.traceId, keyId: key.id, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") };
}

function isSealedRunState(value: unknown): value is SealedRunState {
  return value !== null && typeof value === "object" && (value as { sealed?: unknown }).sealed === "aes-256-gcm";
}

/** Opens and checks a sealed state; the trace id it is read for must be the one it was sealed for. */
export function unsealRunState(value: unknown, key: RunStateKey, traceId: string): RunState {
  if (!isSealedRunState(value)) throw new RunStateError(`the state saved for run ${traceId} is not sealed; paused runs are kept encrypted with the deployment key`);
  if (value.keyId !== key.id) {
    throw new RunStateError(`run ${traceId} was paused under another deployment key (${value.keyId}, this one is ${key.id}); resume it with the TOOLGATE_AUDIT_KEY or key file it ran with`);
  }
  let text: string;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(value.iv, "base64"));
    decipher.setAAD(Buffer.from(traceId, "utf8"));
    decipher.setAuthTag(Buffer.from(value.tag, "base64"));
    text = Buffer.concat([decipher.update(Buffer.from(value.data, "base64")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new RunStateError(`the saved state of run ${traceId} does not authenticate: it was changed after it was saved, or saved for another run; nothing was resumed`, { cause: error });
  }
  const state = parseRunState(JSON.parse(text));
  if (state.traceId !== traceId) throw new RunStateError(`the saved state under ${traceId} belongs to run ${state.traceId}; nothing was resumed`);
  return state;
}
