// PDF into blocks with pdfjs-dist: one heading per page ("Page n", so a chunk never spans pages and cites its page),
// paragraphs where the text leaves a blank line or a vertical gap clearly wider than its line spacing.
import { DocumentBuilder } from "./parsed-document.js";
import type { ParsedDocument } from "./parsed-document.js";
import { IngestError } from "./errors.js";

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
  height?: number;
}

export async function parsePdf(source: string, bytes: Uint8Array): Promise<ParsedDocument> {
  // The legacy build runs in Node without a DOM; loaded only when a PDF is ingested.
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let document;
  try {
    document = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (cause) {
    throw new IngestError(`${source}: not a readable PDF: ${(cause as Error).message}`, { cause });
  }
  try {
    const builder = new DocumentBuilder();
    const metadata: Record<string, string | number> = { pages: document.numPages };
    const info = (await document.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined;
    const title = typeof info?.Title === "string" && info.Title.trim() !== "" ? info.Title.trim() : undefined;
    if (typeof info?.Author === "string" && info.Author.trim() !== "") metadata.author = info.Author.trim();
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      builder.add("heading", `Page ${number}`, 1);
      for (const paragraph of pageParagraphs(content.items as TextItem[])) builder.add("paragraph", paragraph);
      page.cleanup();
    }
    return builder.finish({ metadata, ...(title ? { title } : {}) });
  } finally {
    await document.destroy();
  }
}

function pageParagraphs(items: readonly TextItem[]): string[] {
  const paragraphs: string[] = [];
  let current = "";
  let line = "";
  let lastY: number | undefined;
  let lastGap: number | undefined;
  const endLine = () => {
    if (line.trim() !== "") current += (current ? " " : "") + line.trim();
    line = "";
  };
  const endParagraph = () => {
    endLine();
    if (current.trim() !== "") paragraphs.push(current.replace(/\s+/g, " ").trim());
    current = "";
  };
  for (const item of items) {
    if (typeof item.str !== "string") continue;
    const y = item.transform?.[5];
    if (y !== undefined && lastY !== undefined && Math.abs(lastY - y) > 0.5) {
      const gap = Math.abs(lastY - y);
      const height = item.height && item.height > 0 ? item.height : gap;
      // A gap well beyond the line height (or the previous line's gap) starts a new paragraph.
      if (gap > Math.max(height * 1.6, (lastGap ?? gap) * 1.4)) endParagraph();
      else endLine();
      lastGap = gap;
    }
    if (item.str.trim() === "" && item.hasEOL && line.trim() === "") {
      endParagraph();
    } else {
      line += item.str;
      if (item.hasEOL) line += " ";
    }
    if (y !== undefined) lastY = y;
  }
  endParagraph();
  return paragraphs;
}
