// `toolgate audit verify --published-head`: compares the store against a head record published earlier, the one check that catches a roll-back.
//
// Why outside the chain: someone who kept an old copy of the signed head record can delete every later event and put
// that copy back; everything left is genuinely signed, so the chain verifies. Only a head published somewhere the
// database's operators cannot rewrite shows it: the store must still hold that head's event, unchanged, at that seq.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ChainedAuditStore } from "../audit/index.js";
import { usageError } from "./cli-error.js";

/** The fields of `toolgate audit head --json` this check needs. */
export interface PublishedHead {
  headSeq: number;
  headHash: string;
  signedAt?: string;
  source: string;
}

export function readPublishedHead(file: string, cwd: string): PublishedHead {
  const fix = "give the file `toolgate audit head --json` wrote when the head was published";
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, file), "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof SyntaxError ? "not JSON" : (error as Error).message;
    throw usageError(`--published-head ${file}: ${reason} — ${fix}`, error);
  }
  const head = parsed as Partial<PublishedHead> | null;
  if (typeof head !== "object" || head === null || !Number.isSafeInteger(head.headSeq) || head.headSeq! < 0 || typeof head.headHash !== "string" || !/^[0-9a-f]{64}$/.test(head.headHash)) {
    throw usageError(`--published-head ${file}: not a head record (needs headSeq and a 64-hex headHash) — ${fix}`);
  }
  return { headSeq: head.headSeq!, headHash: head.headHash, ...(typeof head.signedAt === "string" ? { signedAt: head.signedAt } : {}), source: file };
}

export type PublishedHeadCheck = { ok: true; message: string } | { ok: false; message: string };

/** Whether the store still extends the published head: its event at that seq is there with that hash, and its own head is no older. */
export async function checkPublishedHead(store: ChainedAuditStore, published: PublishedHead): Promise<PublishedHeadCheck> {
  const name = `the head published in ${published.source} (seq ${published.headSeq}${published.signedAt ? `, signed ${published.signedAt}` : ""})`;
  const current = await store.head();
  const currentSeq = current?.headSeq ?? 0;
  if (currentSeq < published.headSeq) {
    return { ok: false, message: `rolled back: the store's head is at seq ${currentSeq}, older than ${name}; events ${currentSeq + 1}–${published.headSeq} were removed and an old head record put back` };
  }
  if (published.headSeq === 0) return { ok: true, message: `${name} is the empty chain; every store extends it` };
  const [event] = await store.read({ fromSeq: published.headSeq, limit: 1 });
  if (event === undefined || event.seq !== published.headSeq) {
    // A retention prune may have removed it legitimately; only a later published head can be compared then.
    return { ok: true, message: `${name} lies in the pruned part of the chain, so it cannot be compared; compare against a head published after the last prune` };
  }
  if (event.hash !== published.headHash) {
    return { ok: false, message: `rewritten: event ${published.headSeq}'s hash ${event.hash.slice(0, 12)}… is not the ${published.headHash.slice(0, 12)}… of ${name}; the chain was rolled back and grown again, or rewritten with the key` };
  }
  return { ok: true, message: `the store extends ${name}` };
}
