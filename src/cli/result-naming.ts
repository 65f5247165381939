// Which function-name spelling BFCL result files declare (`function_names` on each line, written by `toolgate eval run`), so `eval score` never scores a file under the other one.
import { open, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { usageError } from "./cli-error.js";

export type FunctionNaming = "original" | "underscored";

/** How many bytes of a result file are read for its first line: lines are one entry each, far shorter than this. */
const firstLineBytes = 1 << 20;
/** Read in steps of this size until the first newline: most first lines are a few kilobytes. */
const readStep = 1 << 16;

/** The declared naming of every `BFCL_v4_<category>_result.json` under `dir` that declares one, by file (relative path). */
export async function declaredNamings(dir: string): Promise<Map<string, FunctionNaming>> {
  const found = new Map<string, FunctionNaming>();
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/^BFCL_v4_\w+_result\.json$/.test(entry.name)) {
        const naming = await namingOf(path, relative(dir, path));
        if (naming) found.set(relative(dir, path), naming);
      }
    }
  };
  await walk(dir);
  return found;
}

async function namingOf(path: string, shown: string): Promise<FunctionNaming | undefined> {
  const handle = await open(path, "r");
  // Only up to the first newline is read and decoded: reading (and zeroing, decoding) 1 MiB of each of a run's 21
  // result files cost ~80 ms of a whole `eval score`.
  const buffer = Buffer.allocUnsafe(firstLineBytes);
  let length = 0;
  let newline = -1;
  try {
    while (newline < 0 && length < firstLineBytes) {
      const { bytesRead } = await handle.read(buffer, length, Math.min(readStep, firstLineBytes - length), length);
      if (bytesRead === 0) break;
      newline = buffer.subarray(0, length + bytesRead).indexOf(0x0a, length);
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
  let line: unknown;
  try {
    line = JSON.parse(buffer.toString("utf8", 0, newline >= 0 ? newline : length));
  } catch {
    // Not this module's to judge: the scorer reports malformed lines with their place.
    return undefined;
  }
  const value = (line as { function_names?: unknown } | null)?.function_names;
  if (value === undefined) return undefined;
  if (value === "original" || value === "underscored") return value;
  throw usageError(`${shown}: function_names is ${JSON.stringify(value)}; expected "original" (names as the dataset spells them) or "underscored" ("." replaced by "_")`);
}

/**
 * Whether to score with BFCL's underscore_to_dot: what the files declare, else the flag. A flag that contradicts
 * the files, or files that disagree, is a usage error: either would compare names under the wrong spelling.
 */
export function underscoreToDotFor(declared: ReadonlyMap<string, FunctionNaming>, flag: boolean): boolean {
  const kinds = new Set(declared.values());
  if (kinds.size === 0) return flag;
  const example = (kind: FunctionNaming) => [...declared].find(([, naming]) => naming === kind)![0];
  if (kinds.size > 1) {
    throw usageError(`the result files disagree on function names: ${example("original")} has them as the dataset spells them, ${example("underscored")} with "." replaced by "_"; score them separately`);
  }
  const [naming] = kinds;
  if (naming === "original" && flag) {
    throw usageError(
      `--underscore-to-dot: ${example("original")} records the function names as the dataset spells them (function_names: "original", as toolgate eval run writes them); scoring them against underscored ground truth would count right calls as wrong. Drop the flag`,
    );
  }
  return naming === "underscored";
}
