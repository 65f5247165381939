// The ground truth's results for a turn must all appear (as a multiset) among the model's results so far.

/** The reference's _is_subsequence_unordered: the ground-truth results the model's list does not cover. */
export function missingResults(groundTruthResults: readonly string[], modelResults: readonly string[]): string[] {
  const remaining = new Map<string, number>();
  for (const result of modelResults) remaining.set(result, (remaining.get(result) ?? 0) + 1);
  const missing: string[] = [];
  for (const result of groundTruthResults) {
    const count = remaining.get(result) ?? 0;
    if (count > 0) remaining.set(result, count - 1);
    else missing.push(result);
  }
  return missing;
}
