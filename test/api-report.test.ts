// The checked-in API report (api/*.api.md) must match the code's exports, so a change of the public surface shows in review.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildApiReports, entryPoints } from "../scripts/api-report.js";

const root = fileURLToPath(new URL("../", import.meta.url));

describe("public API report", () => {
  it("has one report per package.json export, each small and deliberate", () => {
    const entries = entryPoints(root);
    expect(entries.map((entry) => entry.specifier).sort()).toEqual(["toolgate", "toolgate/audit", "toolgate/eval", "toolgate/policy", "toolgate/rag", "toolgate/record", "toolgate/route"]);
    for (const entry of entries) expect(existsSync(entry.source), entry.source).toBe(true);
  });

  it("matches the exports of every entry point (after an intended change: npm run api:report, and commit api/)", () => {
    for (const [entry, text] of buildApiReports(root)) {
      const checkedIn = existsSync(entry.report) ? readFileSync(entry.report, "utf8") : "(no report checked in)";
      expect(text, `${entry.specifier}: the public API differs from ${relative(root, entry.report)}; run \`npm run api:report\` if the change is intended`).toBe(checkedIn);
    }
  }, 180_000);
});
