// Vitest global setup: says once per test run, not once per test file, that the shared reference data is absent.
// The test files run in forked processes that inherit this environment, so they stay quiet after this notice.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export default function sharedDataNotice(): void {
  if (process.env.TOOLGATE_REQUIRE_SHARED === "1") return;
  const root = process.env.TOOLGATE_SHARED_DIR ?? join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "..", "shared");
  if (existsSync(root)) return;
  console.warn(`notice: ${root} is absent; tests that need the shared reference data are skipped (set TOOLGATE_SHARED_DIR, or TOOLGATE_REQUIRE_SHARED=1 to fail instead)`);
  process.env.TOOLGATE_SHARED_NOTICE_SHOWN = "1";
}
