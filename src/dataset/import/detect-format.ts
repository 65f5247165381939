// Guesses a source file's format from its name and first row; `--format` overrides it.
import { basename, extname } from "node:path";
import type { SourceFormat } from "../record.js";
import { isJsonObject } from "../record.js";
import { looksLikeTranscript } from "./import-glaive.js";

export class UnknownFormatError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: cannot tell the format (${reason}); pass --format ${["openai", "xlam", "sharegpt", "hermes", "glaive", "messages", "bfcl", "eval-cases", "canonical"].join("|")}`);
    this.name = "UnknownFormatError";
  }
}

const hermesMarkup = /<tool_call>|<tools>|```tool_call|<tool_response>/;

/** The format of a file given its first JSON row (undefined when the file has no rows). */
export function detectFormat(file: string, first: unknown): SourceFormat {
  const extension = extname(file).toLowerCase();
  if (extension === ".yaml" || extension === ".yml") return "eval-cases";
  if (/^BFCL_v\d+_/.test(basename(file))) return "bfcl";
  if (Array.isArray(first) && first.every((turn) => isJsonObject(turn) && "from" in turn)) return hermesMarkup.test(JSON.stringify(first)) ? "hermes" : "sharegpt";
  if (!isJsonObject(first)) throw new UnknownFormatError(file, "the first row is not a JSON object");
  if (typeof first.id === "string" && Array.isArray(first.question) && (Array.isArray(first.function) || first.involved_classes !== undefined)) return "bfcl";
  if (Array.isArray(first.messages)) {
    if (isJsonObject(first.meta) && typeof first.meta.id === "string" && isJsonObject(first.meta.source)) return "canonical";
    return "openai";
  }
  if (Array.isArray(first.traj)) return "messages";
  if (Array.isArray(first.conversations)) return hermesMarkup.test(JSON.stringify(first.conversations)) ? "hermes" : "sharegpt";
  if ("query" in first && ("answers" in first || "tools" in first)) return "xlam";
  if (typeof first.instruction === "string" && typeof first.output === "string") return "xlam";
  if (looksLikeTranscript(first)) return "glaive";
  if ("label" in first && "predict" in first) throw new UnknownFormatError(file, "rows are {label, predict}: model outputs scored against labels, not training conversations");
  throw new UnknownFormatError(file, `first row has keys ${Object.keys(first).slice(0, 8).join(", ")}`);
}
