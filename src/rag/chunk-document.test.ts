// Chunking respects headings and paragraphs, overlaps within a section, and keeps offsets true to the text.
import { describe, expect, it } from "vitest";
import { chunkDocument } from "./chunk-document.js";
import { parseMarkdown } from "./parse-markdown.js";

const paragraph = (word: string, count: number) => Array.from({ length: count }, (_, index) => `${word}${index}`).join(" ") + ".";

describe("chunkDocument", () => {
  const markdown = ["# Guide", "", paragraph("intro", 10), "", "## Install", "", paragraph("alpha", 40), "", paragraph("beta", 40), "", paragraph("gamma", 40), "", "## Use", "", paragraph("usage", 5)].join("\n");
  const document = parseMarkdown("guide.md", markdown);
  const chunks = chunkDocument(document, { size: 600, overlap: 100 });

  it("never lets a chunk cross a heading, and names each chunk's section path", () => {
    expect(chunks.map((chunk) => chunk.heading)).toEqual(["Guide", "Guide > Install", "Guide > Install", "Guide > Use"]);
    expect(chunks.find((chunk) => chunk.text.includes("usage0"))!.text).not.toMatch(/gamma/);
  });

  it("keeps offsets that point at the chunk's text", () => {
    for (const chunk of chunks) expect(document.text.slice(chunk.start, chunk.end).trim()).toBe(chunk.text);
  });

  it("fills with whole paragraphs and repeats the previous chunk's tail as overlap within a section", () => {
    const [first, second] = chunks.filter((chunk) => chunk.heading === "Guide > Install");
    expect(first!.text.length).toBeLessThanOrEqual(600);
    expect(first!.text).toMatch(/^alpha0 .* beta39\.$/s);
    // The second chunk starts inside the first one's last paragraph (overlap) and then holds the next paragraph.
    expect(second!.start).toBeLessThan(first!.end);
    expect(first!.end - second!.start).toBeLessThanOrEqual(100);
    expect(second!.text).toMatch(/beta39\.\s+gamma0/);
  });

  it("splits a paragraph longer than the chunk size at sentence ends", () => {
    const long = Array.from({ length: 30 }, (_, index) => `Sentence number ${index} says something.`).join(" ");
    const pieces = chunkDocument(parseMarkdown("long.txt", long, { plain: true }), { size: 300, overlap: 0 });
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(300);
      expect(piece.text).toMatch(/\.$/);
    }
  });

  it("refuses sizes that cannot work", () => {
    expect(() => chunkDocument(document, { size: 10 })).toThrow(/at least 50/);
    expect(() => chunkDocument(document, { size: 200, overlap: 150 })).toThrow(/half the chunk size/);
  });
});
