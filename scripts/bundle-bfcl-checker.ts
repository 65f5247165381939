// `npm run build`, after tsc: bundles the built BFCL checker (dist/suites/bfcl/checker/) into dist/bundles/bfcl-checker/.
//
// `toolgate eval score` is a short process: loading the checker's ~90 ES modules one by one (resolve, read, compile,
// link each) cost ~120 ms of CPU per thread, and scoring runs two threads (the multi-turn worker loads them again).
// The bundle is the same code in five files. Three entries keep the checker's own layout, so its relative URLs hold
// inside the bundle: `index.js` (the checker), `multi-turn/index.js` (which the checker imports by a computed name)
// and `score-lane-worker.js` (which it starts as a worker by URL). Code they share is split into common chunks, so
// classes such as PyDict exist once however the entries are reached, and `instanceof` means what it does unbundled.
// `eval score` loads the bundle only while the manifest written here says it matches dist/ (src/cli/current-bundle.ts).
import { build } from "esbuild";
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { BundleManifest } from "../src/cli/current-bundle.js";
import { bundleManifestName } from "../src/cli/current-bundle.js";

/**
 * Bundles the checker in `checkerDir` (built `.js`, or the `.ts` sources, which tests bundle) into `outdir`; returns
 * the manifest it wrote last, beside the bundle.
 */
export async function bundleBfclChecker(checkerDir: string, outdir: string, extension: ".js" | ".ts" = ".js"): Promise<BundleManifest> {
  // No chunk of an earlier bundle may survive beside the new one.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: checkerDir,
    entryPoints: {
      index: join(checkerDir, `index${extension}`),
      "multi-turn/index": join(checkerDir, "multi-turn", `index${extension}`),
      "score-lane-worker": join(checkerDir, `score-lane-worker${extension}`),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // The checker imports only Node's own modules; anything from node_modules stays an import of the installed package.
    packages: "external",
    metafile: true,
    logLevel: "warning",
  });
  const manifest: BundleManifest = { inputs: Object.keys(result.metafile.inputs).map((input) => relative(outdir, join(checkerDir, input))) };
  // Written after the bundle, so an input rebuilt later is newer than the manifest (see bundleIsCurrent).
  writeFileSync(join(outdir, bundleManifestName), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

// `tsx scripts/bundle-bfcl-checker.ts` (the second step of `npm run build`).
if (process.argv[1]?.endsWith("bundle-bfcl-checker.ts")) {
  const dist = join(import.meta.dirname, "..", "dist");
  const manifest = await bundleBfclChecker(join(dist, "suites", "bfcl", "checker"), join(dist, "bundles", "bfcl-checker"));
  process.stderr.write(`bundled the BFCL checker: ${manifest.inputs.length} modules → dist/bundles/bfcl-checker/\n`);
}
