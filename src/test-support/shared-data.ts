// Where the shared reference data lives for tests: `../shared` beside the project (CI's layout), or TOOLGATE_SHARED_DIR.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function sharedPath(...parts: string[]): string {
  const root = process.env.TOOLGATE_SHARED_DIR ?? join(projectRoot, "..", "shared");
  const path = join(root, ...parts);
  if (!existsSync(path)) throw new Error(`test data ${path} is missing: put the shared data beside the project (../shared) or set TOOLGATE_SHARED_DIR`);
  return path;
}

export const tinyModelPath = (): string => sharedPath("models", "llama-2-tiny-random.gguf");
