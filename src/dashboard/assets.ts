// Static files the pages load, read once from the installed packages (htmx.org, uplot): nothing comes from the internet.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { clientScript } from "./client-script.js";

export interface Asset {
  body: string;
  contentType: string;
}

const packageFiles: Record<string, [string, string]> = {
  "htmx.js": ["htmx.org/dist/htmx.min.js", "text/javascript; charset=utf-8"],
  "uplot.js": ["uplot/dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"],
  "uplot.css": ["uplot/dist/uPlot.min.css", "text/css; charset=utf-8"],
};

let loaded: Map<string, Asset> | undefined;

/** The dashboard's assets by file name; a missing package is named in the error, with the install that fixes it. */
export function dashboardAssets(): Map<string, Asset> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const assets = new Map<string, Asset>();
  for (const [name, [specifier, contentType]] of Object.entries(packageFiles)) {
    let path: string;
    try {
      path = require.resolve(specifier);
    } catch (error) {
      throw new Error(`the dashboard needs ${specifier} (npm install ${specifier.split("/")[0]}): ${(error as Error).message}`, { cause: error });
    }
    assets.set(name, { body: readFileSync(path, "utf8"), contentType });
  }
  assets.set("dashboard.js", { body: clientScript, contentType: "text/javascript; charset=utf-8" });
  loaded = assets;
  return assets;
}
