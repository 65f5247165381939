// `npm start` builds only when a source changed since the last build: a stamp in dist/ records when that build began.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Written after each build, dated when that build began, so an edit made during a build still counts as newer. */
export const buildStampName = ".build-stamp";

/** The files a build compiles from: sources (tests and test-support excluded) and the build's own configuration. */
function buildInputs(root: string): string[] {
  const inputs = ["package.json", "tsconfig.json", "tsconfig.build.json"].map((file) => join(root, file)).filter((file) => existsSync(file));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "test-support") walk(path);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) inputs.push(path);
    }
  };
  walk(join(root, "src"));
  return inputs;
}

/** Why dist/ needs building (no build yet, or the first input found newer than it), or undefined when it is current. */
export function staleReason(root: string): string | undefined {
  const stamp = join(root, "dist", buildStampName);
  if (!existsSync(stamp)) return "no build yet";
  const built = statSync(stamp).mtimeMs;
  const newer = buildInputs(root).find((file) => statSync(file).mtimeMs > built);
  return newer === undefined ? undefined : `${relative(root, newer)} changed since the last build`;
}

/**
 * Builds when stale (or always, for `npm run build`) and stamps the build. tsc still emits when a file has a type
 * error; starting the CLI from that output is fine, so only `always` (the build CI runs) reports the errors as a failure.
 */
export function buildIfStale(root: string, options: { always?: boolean; log?: (line: string) => void } = {}): { built: boolean; typeErrors?: string } {
  const reason = options.always ? "asked to" : staleReason(root);
  if (reason === undefined) return { built: false };
  if (!options.always) options.log?.(`toolgate: building (${reason})…`);
  const started = new Date();
  let typeErrors: string | undefined;
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
  } catch (error) {
    typeErrors = String((error as { stdout?: Buffer }).stdout ?? "") || String(error);
    if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error(`the build produced no dist/cli/main.js:\n${typeErrors}`, { cause: error });
  }
  mkdirSync(join(root, "dist"), { recursive: true });
  const stamp = join(root, "dist", buildStampName);
  writeFileSync(stamp, "");
  utimesSync(stamp, started, started);
  return { built: true, ...(typeErrors !== undefined ? { typeErrors } : {}) };
}

// `tsx scripts/build-if-stale.ts` (npm's prestart); with --always, `npm run build`, which fails on type errors.
if (process.argv[1]?.endsWith("build-if-stale.ts")) {
  const always = process.argv.includes("--always");
  const result = buildIfStale(join(import.meta.dirname, ".."), { always, log: (line) => process.stderr.write(`${line}\n`) });
  if (result.typeErrors !== undefined) {
    process.stderr.write(always ? result.typeErrors : "toolgate: the build reported type errors (`npm run typecheck` lists them); starting from what it emitted\n");
    if (always) process.exitCode = 1;
  }
}
