// Loads a bundle that `npm run build` made of built modules (dist/bundles/<name>/) only while it matches them.
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Written beside a bundle's entry files, after them: the built modules the bundle was made from. */
export const bundleManifestName = "bundle-inputs.json";

export interface BundleManifest {
  /** The modules bundled, relative to the manifest's folder. */
  inputs: string[];
}

/**
 * Whether the bundle in `dir` still matches the modules it was made from: its manifest exists and no input is missing
 * or newer than the manifest. A build that ran tsc alone (`tsc -p tsconfig.build.json`, `npm start`'s rebuild) leaves
 * the bundle older than its inputs, and then the modules themselves must be loaded, never yesterday's code.
 */
export function bundleIsCurrent(dir: string): boolean {
  const manifestPath = join(dir, bundleManifestName);
  let manifest: BundleManifest;
  let builtAt: number;
  try {
    builtAt = statSync(manifestPath).mtimeMs;
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as BundleManifest;
  } catch {
    // No bundle: running from sources (tsx, tests) or a build without the bundling step.
    return false;
  }
  if (!Array.isArray(manifest.inputs) || manifest.inputs.length === 0) return false;
  return manifest.inputs.every((input) => {
    const stats = statSync(join(dir, input), { throwIfNoEntry: false });
    return stats !== undefined && stats.mtimeMs <= builtAt;
  });
}

/** The bundle's entry module when the bundle is current (see {@link bundleIsCurrent}), else undefined. */
export async function importCurrentBundle(entry: URL): Promise<unknown> {
  if (!bundleIsCurrent(dirname(fileURLToPath(entry)))) return undefined;
  return import(entry.href);
}
