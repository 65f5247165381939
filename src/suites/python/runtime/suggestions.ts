// CPython's "Did you mean …?" pick (Python/suggestions.c): a case-aware Levenshtein with a one-third budget.

const MOVE_COST = 2;
const CASE_COST = 1;
const MAX_STRING_SIZE = 40;
const MAX_CANDIDATE_ITEMS = 750;

function substitutionCost(a: number, b: number): number {
  if ((a & 31) !== (b & 31)) return MOVE_COST;
  if (a === b) return 0;
  const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  return lower(a) === lower(b) ? CASE_COST : MOVE_COST;
}

/** CPython's levenshtein_distance over UTF-8 bytes, giving up (maxCost + 1) once over budget. */
function levenshtein(aText: string, bText: string, maxCost: number): number {
  let a = Buffer.from(aText, "utf8");
  let b = Buffer.from(bText, "utf8");
  if (aText === bText) return 0;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  a = a.subarray(start);
  b = b.subarray(start);
  let aEnd = a.length;
  let bEnd = b.length;
  while (aEnd > 0 && bEnd > 0 && a[aEnd - 1] === b[bEnd - 1]) {
    aEnd -= 1;
    bEnd -= 1;
  }
  a = a.subarray(0, aEnd);
  b = b.subarray(0, bEnd);
  if (a.length === 0 || b.length === 0) return (a.length + b.length) * MOVE_COST;
  if (a.length > MAX_STRING_SIZE || b.length > MAX_STRING_SIZE) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE_COST > maxCost) return maxCost + 1;
  const buffer: number[] = [];
  for (let i = 0, cost = MOVE_COST; i < a.length; i += 1, cost += MOVE_COST) buffer[i] = cost;
  let result = 0;
  for (let bIndex = 0; bIndex < b.length; bIndex += 1) {
    const code = b[bIndex] as number;
    let distance = (result = bIndex * MOVE_COST);
    let minimum = Number.MAX_SAFE_INTEGER;
    for (let index = 0; index < a.length; index += 1) {
      const substitute = distance + substitutionCost(code, a[index] as number);
      distance = buffer[index] as number;
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      buffer[index] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** The candidate CPython would suggest for a mistyped name, or undefined. */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length >= MAX_CANDIDATE_ITEMS) return undefined;
  const nameSize = Buffer.byteLength(name, "utf8");
  let best: string | undefined;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  for (const candidate of candidates) {
    if (name === "_" || candidate === name) continue;
    const candidateSize = Buffer.byteLength(candidate, "utf8");
    const maxDistance = Math.min(Math.floor(((nameSize + candidateSize + 3) * MOVE_COST) / 6), bestDistance - 1);
    const distance = levenshtein(name, candidate, maxDistance);
    if (distance > maxDistance) continue;
    if (best === undefined || distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
