// Where the shared reference data lives for tests: `../shared` beside the project (CI's layout), or TOOLGATE_SHARED_DIR.
// A fresh clone has no ../shared: tests that need it skip with one notice, unless TOOLGATE_REQUIRE_SHARED=1 (CI) makes
// its absence a failure, so CI can never go green by skipping the reference-data tests.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function sharedRoot(): string {
  return process.env.TOOLGATE_SHARED_DIR ?? join(projectRoot, "..", "shared");
}

/** True when the shared reference data is present (or required, so that its absence fails loudly). */
export function sharedAvailable(...parts: string[]): boolean {
  if (process.env.TOOLGATE_REQUIRE_SHARED === "1") return true;
  return existsSync(join(sharedRoot(), ...parts));
}

let noticePrinted = false;
/** sharedAvailable, printing the one skip notice per process when the data is absent (for describe.skipIf(...).each). */
export function sharedAvailableOrNotice(...parts: string[]): boolean {
  const available = sharedAvailable(...parts);
  // The run's global setup already said it once for every file (src/test-support/shared-notice.global.ts).
  if (!available && !noticePrinted && process.env.TOOLGATE_SHARED_NOTICE_SHOWN !== "1") {
    noticePrinted = true;
    console.warn(`notice: ${join(sharedRoot(), ...parts)} is absent; tests that need the shared reference data are skipped (set TOOLGATE_SHARED_DIR, or TOOLGATE_REQUIRE_SHARED=1 to fail instead)`);
  }
  return available;
}

/** `describe` that skips, with one notice per process, when the shared data it needs is absent. */
export function describeWithShared(name: string, body: () => void, ...parts: string[]): void {
  describe.skipIf(!sharedAvailableOrNotice(...parts))(name, body);
}

export function sharedPath(...parts: string[]): string {
  const path = join(sharedRoot(), ...parts);
  if (!existsSync(path)) throw new Error(`test data ${path} is missing: put the shared data beside the project (../shared) or set TOOLGATE_SHARED_DIR`);
  return path;
}

/** For a test file's module-level constants: the shared value when the data is present, else `absent` (the suites that
 * use it are skipped by describeWithShared). Under TOOLGATE_REQUIRE_SHARED=1 a missing file still fails loudly. */
export function whenShared<T>(parts: readonly string[], load: () => T, absent: T): T {
  return sharedAvailable(...parts) ? load() : absent;
}

export const tinyModelPath = (): string => sharedPath("models", "llama-2-tiny-random.gguf");
