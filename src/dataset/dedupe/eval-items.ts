// The evaluation texts a leakage check compares against, read from any importable file (held-back split, eval cases,
// xLAM test sets), BFCL question files (every question, multi-turn included), or ToolAlpaca's `Instructions` lists.
import { basename } from "node:path";
import { isJsonObject } from "../record.js";
import { importFile } from "../import/import-file.js";
import { UnknownFormatError } from "../import/detect-format.js";
import { readJsonLines, readSourceRows } from "../io/source-rows.js";
import type { EvalItem } from "./leakage.js";
import { userText } from "./leakage.js";

export async function* evalItemsFromFile(file: string): AsyncGenerator<EvalItem> {
  const set = basename(file);
  if (/^BFCL_v\d+_/.test(set)) {
    for await (const row of readJsonLines(file)) {
      if (!isJsonObject(row.value) || !Array.isArray(row.value.question)) continue;
      const text = row.value.question.flat().filter((turn) => isJsonObject(turn) && turn.role === "user").map((turn) => String((turn as { content: unknown }).content)).join("\n");
      yield { id: String(row.value.id), set, text };
    }
    return;
  }
  try {
    for await (const outcome of importFile(file)) if (outcome.record) yield { id: outcome.record.meta.id, set, text: userText(outcome.record) };
  } catch (error) {
    if (!(error instanceof UnknownFormatError)) throw error;
    // ToolAlpaca evaluation sets: one API per row with a list of instructions.
    let found = false;
    for await (const row of readSourceRows(file)) {
      if (!isJsonObject(row.value) || !Array.isArray(row.value.Instructions)) continue;
      found = true;
      for (const [index, text] of row.value.Instructions.entries()) if (typeof text === "string") yield { id: `${String(row.value.Name ?? row.index)}#${index}`, set, text };
    }
    if (!found) throw error;
  }
}
