// The resumable cache of multi-turn entries: the BFCL result line and the measured case, one JSON line per finished entry.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CacheKey } from "../../../eval/index.js";
import type { CaseResult } from "../../../eval/index.js";
import type { MultiTurnResultLine } from "./multi-turn-result-file.js";

const multiTurnCacheFileName = "bfcl-multi-turn.jsonl";

/** What a finished entry leaves behind: its line (what BFCL scores) and its measurements (what the report shows). */
interface CachedMultiTurnEntry {
  line: MultiTurnResultLine;
  result: CaseResult;
}

export interface MultiTurnCache {
  readonly path: string;
  get(key: CacheKey): CachedMultiTurnEntry | undefined;
  /** Appends at once, so an interrupted run keeps every entry finished before the interruption. */
  put(key: CacheKey, entry: CachedMultiTurnEntry): void;
}

interface CacheLine extends CacheKey, CachedMultiTurnEntry {}

/** Beside the single-turn cache (same directory, own file): a multi-turn entry's line does not fit a case result. */
export function openMultiTurnCache(directory: string): MultiTurnCache {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, multiTurnCacheFileName);
  const entries = new Map<string, CachedMultiTurnEntry>();
  if (existsSync(path)) {
    for (const text of readFileSync(path, "utf8").split("\n")) {
      if (text.trim() === "") continue;
      let parsed: CacheLine;
      try {
        parsed = JSON.parse(text) as CacheLine;
      } catch {
        // A line cut short by a crash: that entry simply runs again.
        continue;
      }
      if (typeof parsed.caseId === "string" && typeof parsed.model === "string" && typeof parsed.digest === "string" && parsed.line && parsed.result) {
        entries.set(keyText(parsed), { line: parsed.line, result: parsed.result });
      }
    }
  }
  return {
    path,
    get: (key) => entries.get(keyText(key)),
    put(key, entry) {
      const line: CacheLine = { caseId: key.caseId, model: key.model, digest: key.digest, line: entry.line, result: entry.result };
      appendFileSync(path, `${JSON.stringify(line)}\n`);
      entries.set(keyText(key), entry);
    },
  };
}

function keyText(key: CacheKey): string {
  return JSON.stringify([key.caseId, key.model, key.digest]);
}
