// A retrieval test collection on disk (documents, topics, relevance judgements), as the shared CACM copy lays it out:
// derived/<name>-docs.jsonl ({id, contents}), derived/<name>-topics.jsonl ({id, title}), qrels.<name>.txt.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseQrels } from "./trec-eval.js";
import type { Qrels } from "./trec-eval.js";

export interface TestCollection {
  documents: Array<{ id: string; text: string }>;
  topics: Array<{ id: string; text: string }>;
  qrels: Qrels;
}

export function loadTestCollection(directory: string, name: string): TestCollection {
  const jsonl = (file: string) =>
    readFileSync(join(directory, "derived", file), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line, index) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch (cause) {
          throw new Error(`${join(directory, "derived", file)}:${index + 1}: not JSON`, { cause });
        }
      });
  const documents = jsonl(`${name}-docs.jsonl`).map((row) => ({ id: String(row.id), text: String(row.contents ?? "") }));
  const topics = jsonl(`${name}-topics.jsonl`).map((row) => ({ id: String(row.id), text: String(row.title ?? "") }));
  const qrelsPath = join(directory, `qrels.${name}.txt`);
  return { documents, topics, qrels: parseQrels(readFileSync(qrelsPath, "utf8"), qrelsPath) };
}
