// Cosine similarity as plain arithmetic: vectors scaled to unit length once, then compared by dot product. Used by the
// vector index here and by route's embedding router, so both rank by the same similarity.

/** The vector scaled to length 1 (all zeros stays all zeros). */
export function unitVector(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let at = 0; at < vector.length; at++) norm += vector[at]! * vector[at]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(vector, (value) => value * scale);
}

/** The dot product; for two unit vectors, their cosine similarity. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let at = 0; at < a.length; at++) sum += a[at]! * b[at]!;
  return sum;
}
