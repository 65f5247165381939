// BFCL's function docs of the eight simulated APIs, read from the data directory's multi_turn_func_doc/ folder.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BfclDataError, multiTurnFunctionDocFiles } from "../checker/index.js";

/** One function as BFCL documents it: parameters in BFCL's own type dialect (`dict`, `float`, …). */
export interface MultiTurnFunctionDoc {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Per simulated API class, its functions in the doc file's order (the order BFCL shows them to a model). */
export type MultiTurnFunctionDocs = ReadonlyMap<string, readonly MultiTurnFunctionDoc[]>;

/** Reads every class's docs once per run; entries then pick their classes with {@link functionDocsFor}. */
export function loadMultiTurnFunctionDocs(dataDir: string): MultiTurnFunctionDocs {
  const docs = new Map<string, MultiTurnFunctionDoc[]>();
  for (const [className, file] of Object.entries(multiTurnFunctionDocFiles)) {
    const path = join(dataDir, "multi_turn_func_doc", file);
    if (!existsSync(path)) {
      throw new BfclDataError(`${path} is missing: --data must point at BFCL's data directory, which holds multi_turn_func_doc/ with the simulated APIs' function docs`);
    }
    docs.set(className, readDocs(path));
  }
  return docs;
}

/** The docs of an entry's classes, in `involved_classes` order. */
export function functionDocsFor(docs: MultiTurnFunctionDocs, involvedClasses: readonly string[], entryId: string): MultiTurnFunctionDoc[] {
  return involvedClasses.flatMap((className) => {
    const found = docs.get(className);
    if (!found) throw new BfclDataError(`${entryId} involves ${className}, which has no function docs; involved_classes may only name ${[...docs.keys()].join(", ")}`);
    return found;
  });
}

function readDocs(path: string): MultiTurnFunctionDoc[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((text, index) => ({ text, lineNumber: index + 1 }))
    .filter(({ text }) => text.trim() !== "")
    .map(({ text, lineNumber }) => {
      let doc: unknown;
      try {
        // Plain JSON is fine here: docs are what the model is shown, and JSON Schema has no int/float distinction to keep.
        doc = JSON.parse(text);
      } catch (error) {
        throw new BfclDataError(`${path} line ${lineNumber} is not JSON (${(error as Error).message}); use an unmodified BFCL data directory`);
      }
      const { name, description, parameters } = (doc ?? {}) as Partial<MultiTurnFunctionDoc>;
      if (typeof name !== "string" || name === "") throw new BfclDataError(`${path} line ${lineNumber} has no function name; use an unmodified BFCL data directory`);
      return {
        name,
        description: typeof description === "string" ? description : "",
        parameters: parameters !== null && typeof parameters === "object" ? parameters : { type: "dict", properties: {} },
      };
    });
}
