// The resumable result cache: one JSON line per finished case, keyed by case id, model spec and case digest.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CaseResult } from "../scoring/index.js";

export const cacheFileName = "results.jsonl";

export interface CacheKey {
  caseId: string;
  model: string;
  digest: string;
}

export interface ResultCache {
  readonly path: string;
  get(key: CacheKey): CaseResult | undefined;
  /** Appends at once, so an interrupted run keeps every case finished before the interruption. */
  put(key: CacheKey, result: CaseResult): void;
}

interface CacheLine extends CacheKey {
  result: CaseResult;
}

export function openResultCache(directory: string): ResultCache {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, cacheFileName);
  const entries = new Map<string, CaseResult>();
  if (existsSync(path)) {
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      let parsed: CacheLine;
      try {
        parsed = JSON.parse(line) as CacheLine;
      } catch {
        // A line cut short by a crash: that case simply runs again.
        continue;
      }
      if (typeof parsed.caseId === "string" && typeof parsed.model === "string" && typeof parsed.digest === "string" && parsed.result) {
        entries.set(keyText(parsed), parsed.result);
      }
    }
  }
  return {
    path,
    get: (key) => entries.get(keyText(key)),
    put(key, result) {
      const line: CacheLine = { caseId: key.caseId, model: key.model, digest: key.digest, result };
      appendFileSync(path, `${JSON.stringify(line)}\n`);
      entries.set(keyText(key), result);
    },
  };
}

function keyText(key: CacheKey): string {
  return JSON.stringify([key.caseId, key.model, key.digest]);
}
