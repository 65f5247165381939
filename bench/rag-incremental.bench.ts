// The SQLite document store after a change: a search that applies the change log vs one that builds the index from
// the database (a fresh store on the same file), and a steady search.
//   npx tsx bench/rag-incremental.bench.ts [chunks, default 30000]
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadTestCollection, openRagStore } from "../src/rag/index.js";
import type { StoredDocumentInput } from "../src/rag/index.js";
import { sharedPath } from "../src/test-support/shared-data.js";

const cacm = loadTestCollection(sharedPath("data", "retrieval", "cacm"), "cacm");
const chunks = Number(process.argv[2] ?? 30_000);
const dir = mkdtempSync(join(tmpdir(), "g-rag-incremental-"));
const url = `sqlite:${join(dir, "rag.db")}`;
const query = "computer program language";
const chunk = (text: string) => [{ ordinal: 0, heading: "", start: 0, end: text.length, text }];
const documents: StoredDocumentInput[] = Array.from({ length: chunks }, (_, at) => {
  const text = cacm.documents[at % cacm.documents.length]!.text;
  return { source: `d${at}`, digest: `x${at}`, access: [at % 2 ? "*" : "staff"], metadata: {}, text, chunks: chunk(text) };
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const store = await openRagStore(url);
try {
  for (let at = 0; at < documents.length; at += 1000) await store.putDocuments(documents.slice(at, at + 1000));
  let started = performance.now();
  await store.search(query, { k: 10 });
  const firstBuildMs = performance.now() - started;
  const applied: number[] = [];
  const rebuilt: number[] = [];
  for (let round = 0; round < 5; round++) {
    const text = `changed text about parsing, round ${round}`;
    await store.putDocuments([{ ...documents[round]!, digest: `changed-${round}`, text, chunks: chunk(text) }]);
    started = performance.now();
    await store.search(query, { k: 10 });
    applied.push(performance.now() - started);
    const fresh = await openRagStore(url);
    started = performance.now();
    await fresh.search(query, { k: 10 });
    rebuilt.push(performance.now() - started);
    await fresh.close();
  }
  started = performance.now();
  await store.search(query, { k: 10 });
  const steadyMs = performance.now() - started;
  const report = { chunks, firstBuildMs: Math.round(firstBuildMs), searchApplyingOneChangeMs: +median(applied).toFixed(1), searchRebuildingMs: Math.round(median(rebuilt)), steadySearchMs: +steadyMs.toFixed(1), loadavg1: +loadavg()[0]!.toFixed(2) };
  console.log(JSON.stringify(report));
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
