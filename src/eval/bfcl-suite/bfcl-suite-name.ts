// `--suite bfcl:<category>[,…]`: which BFCL categories `eval run` can put to a model, and the suite names for groups of them.
export const runnableBfclCategories = [
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

/** Shorthands for BFCL's leaderboard groups (only the single-turn ones: those are what `eval run` can run). */
export const bfclSuiteGroups: Record<string, readonly string[]> = {
  non_live: ["simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple", "irrelevance"],
  live: ["live_simple", "live_multiple", "live_parallel", "live_parallel_multiple", "live_irrelevance", "live_relevance"],
  single_turn: runnableBfclCategories,
};

export class BfclSuiteError extends Error {
  override readonly name = "BfclSuiteError";
}

export function isBfclSuite(suite: string): boolean {
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
  const why =
    category.includes("multi_turn") || category.includes("memory") || category.includes("web_search")
      ? `${category} needs BFCL's simulated environments in the loop, which eval run does not drive yet; score results produced elsewhere with \`toolgate eval score\``
      : `${category} is not a BFCL category eval run knows`;
  return `--suite bfcl:${category}: ${why}. Runnable: ${runnableBfclCategories.join(", ")} (or the groups ${Object.keys(bfclSuiteGroups).join(", ")})`;
}
