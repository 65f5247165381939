// Ingest into a real SQLite store: every format, access labels from flag, front matter and sidecar, incremental
// re-ingest by content hash, progress reports, and located errors.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestPaths } from "./ingest.js";
import type { IngestProgress } from "./ingest.js";
import { openRagStore } from "./open-rag-store.js";
import type { RagStore } from "./rag-store.js";
import { tinyPdf } from "./tiny-pdf.fixture.js";

let dir: string;
let store: RagStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "g-rag-ingest-"));
  mkdirSync(join(dir, "docs", "deep"), { recursive: true });
  writeFileSync(join(dir, "docs", "handbook.md"), "# Holidays\n\nStaff get 25 days of annual leave.\n\n# Expenses\n\nClaim travel within 30 days.\n");
  writeFileSync(join(dir, "docs", "salaries.md"), "---\naccess: [finance]\n---\n# Salaries\n\nThe salary bands for 2026 are confidential.\n");
  writeFileSync(join(dir, "docs", "deep", "runbook.html"), "<h1>Restart</h1><p>Restart the payments service with care.</p>");
  writeFileSync(join(dir, "docs", "deep", "incident.txt"), "The payments outage was caused by a expired certificate.");
  writeFileSync(join(dir, "docs", "deep", "incident.txt.access"), "sre # on-call only\nuser:ana\n");
  writeFileSync(join(dir, "docs", "deep", "report.pdf"), tinyPdf([[{ y: 700, text: "Annual leave statistics for the payments team." }]]));
  writeFileSync(join(dir, "docs", "ignored.csv"), "a,b");
  store = await openRagStore(`sqlite:${join(dir, "rag.db")}`);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ingestPaths", () => {
  it("ingests every supported format under a folder, reporting progress per file", async () => {
    const progress: IngestProgress[] = [];
    const summary = await ingestPaths(store, ["docs"], { cwd: dir, onProgress: (report) => progress.push(report) });
    expect(summary).toMatchObject({ files: 5, added: 5, updated: 0, unchanged: 0 });
    expect(progress.map((report) => report.done)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.every((report) => report.total === 5 && report.outcome === "added")).toBe(true);
    expect(await store.stats()).toEqual({ documents: 5, chunks: summary.chunks });
    const hits = await store.search("annual leave", { k: 5 });
    const bySource = new Map(hits.map((hit) => [hit.source.replace(`${dir}/`, ""), hit]));
    expect([...bySource.keys()].sort()).toEqual(["docs/deep/report.pdf", "docs/handbook.md"]);
    expect(bySource.get("docs/handbook.md")!.heading).toBe("Holidays");
    expect(bySource.get("docs/deep/report.pdf")!.heading).toBe("Page 1");
  });

  it("skips unchanged files, re-ingests changed ones, and treats a changed sidecar as a change", async () => {
    await ingestPaths(store, ["docs"], { cwd: dir });
    expect(await ingestPaths(store, ["docs"], { cwd: dir })).toMatchObject({ added: 0, updated: 0, unchanged: 5, chunks: 0 });
    writeFileSync(join(dir, "docs", "handbook.md"), "# Holidays\n\nStaff get 30 days of annual leave.\n");
    writeFileSync(join(dir, "docs", "deep", "incident.txt.access"), "sre\n");
    expect(await ingestPaths(store, ["docs"], { cwd: dir })).toMatchObject({ added: 0, updated: 2, unchanged: 3 });
    const [hit] = await store.search("annual leave days", { k: 1 });
    expect(hit!.text).toContain("30 days");
    expect(await store.stats()).toMatchObject({ documents: 5 });
  });

  it("labels documents from front matter, sidecar or the --access default, and search honours them", async () => {
    await ingestPaths(store, ["docs"], { cwd: dir, access: ["staff"] });
    const sources = async (query: string, principal?: { id: string; roles?: string[] }) =>
      (await store.search(query, { k: 10, ...(principal ? { principal } : {}) })).map((hit) => hit.source.replace(`${dir}/docs/`, ""));
    expect(await sources("salary bands confidential")).toEqual([]);
    expect(await sources("salary bands confidential", { id: "bo", roles: ["staff"] })).toEqual([]);
    expect(await sources("salary bands confidential", { id: "cy", roles: ["finance"] })).toEqual(["salaries.md"]);
    // The incident note is labelled sre and user:ana by its sidecar: staff never see it, ana does (and nothing of staff's).
    expect((await sources("payments outage certificate", { id: "bo", roles: ["staff"] })).sort()).toEqual(["deep/report.pdf", "deep/runbook.html"]);
    expect(await sources("payments outage certificate", { id: "ana" })).toEqual(["deep/incident.txt"]);
  });

  it("names the missing path, the unsupported file and the bad label", async () => {
    await expect(ingestPaths(store, ["nowhere"], { cwd: dir })).rejects.toThrow(/nowhere: no such file or folder/);
    await expect(ingestPaths(store, ["docs/ignored.csv"], { cwd: dir })).rejects.toThrow(/ignored\.csv: cannot ingest "\.csv"/);
    await expect(ingestPaths(store, ["docs"], { cwd: dir, access: ["two words"] })).rejects.toThrow(/--access: access label "two words"/);
  });
});
