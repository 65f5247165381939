// The ground truth's results for a turn must all appear (as a multiset) among the model's results so far.

/** The reference's _is_subsequence_unordered: the ground-truth results the model's list does not cover. */
export function missingResults(groundTruthResults: readonly string[], modelResults: readonly string[]): string[] {
  // Filed by length: results can be long (long-context states run to kilobytes), and a length apart is never equal,
  // so most comparisons end there instead of hashing every string the model returned so far.
  const remaining = new Map<number, string[]>();
  for (const result of modelResults) {
    const sameLength = remaining.get(result.length);
    if (sameLength) sameLength.push(result);
    else remaining.set(result.length, [result]);
  }
  const missing: string[] = [];
  for (const result of groundTruthResults) {
    const sameLength = remaining.get(result.length);
    const index = sameLength ? sameLength.indexOf(result) : -1;
    if (index >= 0) (sameLength as string[]).splice(index, 1);
    else missing.push(result);
  }
  return missing;
}
