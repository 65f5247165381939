// BFCL test categories: what a category name implies (runner, language, leaderboard group) and BFCL's entry order.
import type { Language } from "./ast/type-mappings.js";
import { pyIntFromString } from "../../python/py-text.js";

export const versionPrefix = "BFCL_v4";

/** The category a `BFCL_v4_<category>_result.json` file holds, or undefined for any other file name. */
export function categoryOfResultFile(fileName: string): string | undefined {
  const match = /^BFCL_v4_(\w+?)_result\.json$/.exec(fileName);
  return match?.[1];
}

export const isMultiTurn = (category: string): boolean => category.includes("multi_turn");
export const isWebSearch = (category: string): boolean => category.includes("web_search");
export const isMemory = (category: string): boolean => category.includes("memory");
export const isAgentic = (category: string): boolean => isWebSearch(category) || isMemory(category);
const isFormatSensitivity = (category: string): boolean => category.includes("format_sensitivity");
/** Both `live_relevance` and the two irrelevance categories ("irrelevance" contains "relevance"). */
export const isRelevanceOrIrrelevance = (category: string): boolean => category.includes("relevance");
const isJavaScript = (category: string): boolean => category.includes("javascript");
const isJava = (category: string): boolean => category.includes("java") && !isJavaScript(category);

/** Categories BFCL does not evaluate in V4 even when their results exist. */
export function isNotEvaluated(category: string): boolean {
  return ["chatable", "sql", "exec", "rest", "prereq"].some((part) => category.includes(part));
}

export type Runner = "ast" | "relevance" | "agentic" | "multi_turn" | "format_sensitivity";

export function runnerOf(category: string): Runner {
  if (isRelevanceOrIrrelevance(category)) return "relevance";
  if (isFormatSensitivity(category)) return "format_sensitivity";
  if (isMultiTurn(category)) return "multi_turn";
  if (isAgentic(category)) return "agentic";
  return "ast";
}

/** Whether a category is scored by the multi-turn runner (which needs the multi-turn checker and runs in BFCL's order). */
export function runsMultiTurn(category: string): boolean {
  return runnerOf(category) === "multi_turn";
}

export function languageOf(category: string): Language {
  if (isJava(category)) return "java";
  if (isJavaScript(category)) return "javascript";
  return "python";
}

/** The folder BFCL files a category's results and scores under. */
export function groupFolderOf(category: string): "format_sensitivity" | "non_live" | "live" | "multi_turn" | "agentic" {
  if (isFormatSensitivity(category)) return "format_sensitivity";
  if (category.includes("live")) return "live";
  if (isMultiTurn(category)) return "multi_turn";
  if (isAgentic(category)) return "agentic";
  return "non_live";
}

/**
 * BFCL's sort_key for result entries: memory prerequisites, web search, single-turn, multi-turn, then memory; within
 * a category by the index before the first `-` (`live_simple_19-3-15` sorts as 19).
 */
export function sortKeyOf(id: string): [number, string, bigint] {
  const base = id.split(":")[0] as string;
  const cut = base.lastIndexOf("_");
  const category = cut === -1 ? base : base.slice(0, cut);
  const indexText = (cut === -1 ? "" : base.slice(cut + 1)).split("-")[0] as string;
  const index = pyIntFromString(indexText) ?? 0n;
  let priority = 4;
  if (category.includes("prereq")) priority = 0;
  else if (isWebSearch(category)) priority = 1;
  else if (!isMultiTurn(category) && !isAgentic(category)) priority = 2;
  else if (isMultiTurn(category)) priority = 3;
  return [priority, category, index];
}

export function compareSortKeys(a: [number, string, bigint], b: [number, string, bigint]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] === b[2] ? 0 : a[2] < b[2] ? -1 : 1;
}
