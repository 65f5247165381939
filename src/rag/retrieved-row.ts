// Shared by both stores: a search row as a RetrievedChunk, and the digest chunks are recorded by.
import { createHash } from "node:crypto";
import type { RetrievedChunk } from "./rag-store.js";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function toRetrieved(row: Record<string, unknown>, score: number): RetrievedChunk {
  const source = String(row.source);
  const ordinal = Number(row.ordinal);
  return {
    chunkId: `${source}#${ordinal}`,
    source,
    ...(row.title ? { title: String(row.title) } : {}),
    documentDigest: String(row.document_digest),
    ordinal,
    heading: String(row.heading ?? ""),
    start: Number(row.start_offset),
    end: Number(row.end_offset),
    text: String(row.text),
    chunkDigest: String(row.chunk_digest),
    score,
  };
}
