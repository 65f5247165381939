// `--suite bfcl:<category>[,…]`: which BFCL categories `eval run` can put to a model, and the suite names for groups of them.
import { agenticRefusal } from "./agentic-categories.js";

const singleTurnBfclCategories = [
  "simple_python",
  "simple_java",
  "simple_javascript",
  "multiple",
  "parallel",
  "parallel_multiple",
  "irrelevance",
  "live_simple",
  "live_multiple",
  "live_parallel",
  "live_parallel_multiple",
  "live_irrelevance",
  "live_relevance",
] as const;

/** Run through BFCL's simulated APIs, one session per entry (see multi-turn-suite.ts). */
const multiTurnBfclCategories = ["multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"] as const;

const runnableBfclCategories = [...singleTurnBfclCategories, ...multiTurnBfclCategories] as const;

/** Shorthands for BFCL's leaderboard groups (those `eval run` can run; the agentic ones it cannot). */
const bfclSuiteGroups: Record<string, readonly string[]> = {
  non_live: ["simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple", "irrelevance"],
  live: ["live_simple", "live_multiple", "live_parallel", "live_parallel_multiple", "live_irrelevance", "live_relevance"],
  single_turn: singleTurnBfclCategories,
  multi_turn: multiTurnBfclCategories,
};

export function isMultiTurnBfclCategory(category: string): boolean {
  return (multiTurnBfclCategories as readonly string[]).includes(category);
}

export class BfclSuiteError extends Error {
  override readonly name = "BfclSuiteError";
}

function isBfclSuite(suite: string): boolean {
  return suite.startsWith("bfcl:");
}

/** `bfcl:simple_python,multiple` → its categories, in the order given, without repeats. */
export function parseBfclSuite(suite: string): string[] {
  if (!isBfclSuite(suite)) throw new BfclSuiteError(`--suite ${suite}: write bfcl:<category>[,<category>…], e.g. --suite bfcl:simple_python,multiple`);
  const names = suite.slice("bfcl:".length).split(",").map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new BfclSuiteError(`--suite ${suite}: name at least one category, e.g. bfcl:simple_python`);
  const categories: string[] = [];
  for (const name of names) {
    const expanded = bfclSuiteGroups[name] ?? [name];
    for (const category of expanded) {
      if (!(runnableBfclCategories as readonly string[]).includes(category)) throw new BfclSuiteError(unsupported(category));
      if (!categories.includes(category)) categories.push(category);
    }
  }
  return categories;
}

function unsupported(category: string): string {
  const refusal = agenticRefusal(category);
  // An agentic category is known but cannot be run: its one-line reason is the whole message.
  if (refusal) return `--suite bfcl:${category}: ${refusal}`;
  return `--suite bfcl:${category}: ${category} is not a BFCL category eval run knows. Runnable: ${runnableBfclCategories.join(", ")} (or the groups ${Object.keys(bfclSuiteGroups).join(", ")})`;
}
