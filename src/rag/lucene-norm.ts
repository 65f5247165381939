// Lucene's 1-byte document-length norm (SmallFloat.intToByte4 / byte4ToInt): lengths below 24 are exact, longer ones keep
// 4 significant bits. BM25 in Lucene 8+ scores with the decoded length, and reproducing published figures needs the same loss.

/** Float-like code for a non-negative integer that keeps its order and 4 significant bits. */
function longToInt4(value: number): number {
  const bits = value === 0 ? 0 : Math.floor(Math.log2(value)) + 1;
  if (bits < 4) return value;
  const shift = bits - 4;
  // The top bit is implicit: keep the next three, and store the shift (plus one: zero marks the exact small values).
  return (Math.floor(value / 2 ** shift) & 0x07) | ((shift + 1) << 3);
}

function int4ToLong(code: number): number {
  const bits = code & 0x07;
  const shift = (code >>> 3) - 1;
  return shift === -1 ? bits : (bits | 0x08) * 2 ** shift;
}

/** Codes left over below the largest int4 code: Lucene spends them on exact small lengths. */
const exactBelow = 255 - longToInt4(2 ** 31 - 1);

/** A document length (in terms) as Lucene stores it: one byte, 0..255. */
export function encodeLuceneNorm(length: number): number {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`a document length must be a non-negative integer, got ${length}`);
  const clamped = Math.min(length, 2 ** 31 - 1);
  return clamped < exactBelow ? clamped : exactBelow + longToInt4(clamped - exactBelow);
}

/** The length Lucene scores with for a stored norm byte. */
export function decodeLuceneNorm(code: number): number {
  return code < exactBelow ? code : exactBelow + int4ToLong(code - exactBelow);
}
