import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleIsCurrent, bundleManifestName, importCurrentBundle } from "./current-bundle.js";

describe("bundleIsCurrent / importCurrentBundle", () => {
  let root: string;
  let bundleDir: string;
  const past = new Date("2026-01-01T00:00:00Z");
  const later = new Date("2026-06-01T00:00:00Z");

  /** A built module (the input), a bundle entry made from it, and the manifest written after both. */
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "toolgate-bundle-"));
    mkdirSync(join(root, "suites"), { recursive: true });
    bundleDir = join(root, "bundles", "checker");
    mkdirSync(bundleDir, { recursive: true });
    writeFileSync(join(root, "suites", "checker.js"), "export const from = 'modules';\n");
    utimesSync(join(root, "suites", "checker.js"), past, past);
    writeFileSync(join(bundleDir, "index.js"), "export const from = 'bundle';\n");
    writeFileSync(join(bundleDir, bundleManifestName), JSON.stringify({ inputs: ["../../suites/checker.js"] }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("loads the bundle while no input is newer than its manifest", async () => {
    expect(bundleIsCurrent(bundleDir)).toBe(true);
    const loaded = (await importCurrentBundle(pathToFileURL(join(bundleDir, "index.js")))) as { from: string };
    expect(loaded.from).toBe("bundle");
  });

  it("refuses a bundle whose input was rebuilt after it (a tsc-only build)", async () => {
    utimesSync(join(root, "suites", "checker.js"), later, later);
    utimesSync(join(bundleDir, bundleManifestName), past, past);
    expect(bundleIsCurrent(bundleDir)).toBe(false);
    expect(await importCurrentBundle(pathToFileURL(join(bundleDir, "index.js")))).toBeUndefined();
  });

  it("refuses a bundle whose input is gone, or with no or an empty manifest", () => {
    rmSync(join(root, "suites", "checker.js"));
    expect(bundleIsCurrent(bundleDir)).toBe(false);
    writeFileSync(join(bundleDir, bundleManifestName), JSON.stringify({ inputs: [] }));
    expect(bundleIsCurrent(bundleDir)).toBe(false);
    rmSync(join(bundleDir, bundleManifestName));
    expect(bundleIsCurrent(bundleDir)).toBe(false);
    expect(bundleIsCurrent(join(root, "no-such-bundle"))).toBe(false);
  });
});
