// Chunks that respect structure: a chunk never crosses a heading, fills with whole paragraphs up to the size, and starts
// with the tail of the previous chunk in the same section (the overlap) so a sentence cut at a border is still found.
import type { ParsedDocument } from "./parsed-document.js";

export interface ChunkOptions {
  /** Largest chunk, in characters (default 1200). */
  size?: number;
  /** Characters repeated from the end of the previous chunk of the same section (default 150). */
  overlap?: number;
}

export interface DocumentChunk {
  ordinal: number;
  /** The section's heading path, e.g. "Install > On Linux". */
  heading: string;
  /** [start, end) in the document's text. */
  start: number;
  end: number;
  text: string;
}

interface Span {
  start: number;
  end: number;
}

export function chunkDocument(document: ParsedDocument, options: ChunkOptions = {}): DocumentChunk[] {
  const size = options.size ?? 1200;
  const overlap = options.overlap ?? 150;
  if (!(size >= 50)) throw new RangeError(`chunk size must be at least 50 characters, got ${size}`);
  if (!(overlap >= 0 && overlap < size / 2)) throw new RangeError(`overlap must be between 0 and half the chunk size, got ${overlap}`);
  const text = document.text;
  const chunks: DocumentChunk[] = [];
  const headings: string[] = [];
  let current: Span | undefined;

  const emit = () => {
    if (!current) return;
    const body = text.slice(current.start, current.end).trim();
    if (body !== "") chunks.push({ ordinal: chunks.length, heading: headings.filter(Boolean).join(" > "), start: current.start, end: current.end, text: body });
  };
  /** Starts the next chunk with the previous chunk's tail, cut at a word boundary. */
  const carry = (from: Span): Span | undefined => {
    if (overlap === 0) return undefined;
    let start = Math.max(from.start, from.end - overlap);
    const space = text.slice(start, from.end).search(/\s/);
    if (space < 0) return undefined;
    start += space + 1;
    return start < from.end ? { start, end: from.end } : undefined;
  };
  const addPiece = (piece: Span) => {
    if (current && piece.end - current.start > size) {
      emit();
      const tail = carry(current);
      current = tail && piece.end - tail.start <= size ? { start: tail.start, end: piece.end } : { ...piece };
    } else {
      current = current ? { start: current.start, end: piece.end } : { ...piece };
    }
  };

  for (const block of document.blocks) {
    if (block.kind === "heading") {
      emit();
      current = undefined;
      const level = block.level ?? 1;
      headings.length = Math.max(0, level - 1);
      headings[level - 1] = text.slice(block.start, block.end).trim();
      continue;
    }
    for (const piece of splitLong({ start: block.start, end: block.end }, text, size - overlap)) addPiece(piece);
  }
  emit();
  return chunks;
}

/** A paragraph longer than `limit` cut into pieces at sentence ends, else at spaces, else anywhere. */
function splitLong(span: Span, text: string, limit: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > limit) {
    const window = text.slice(start, start + limit);
    const sentence = Math.max(window.lastIndexOf(". "), window.lastIndexOf("? "), window.lastIndexOf("! "), window.lastIndexOf("\n"));
    const space = window.lastIndexOf(" ");
    const cut = sentence > limit / 2 ? sentence + 1 : space > limit / 2 ? space : limit;
    pieces.push({ start, end: start + cut });
    start += cut;
    while (start < span.end && /\s/.test(text[start]!)) start++;
  }
  if (start < span.end) pieces.push({ start, end: span.end });
  return pieces;
}
