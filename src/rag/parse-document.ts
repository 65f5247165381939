// Picks the parser by file extension: .txt, .md/.markdown, .html/.htm, .pdf.
import { extname } from "node:path";
import { IngestError } from "./errors.js";
import { parseHtml } from "./parse-html.js";
import { parseMarkdown } from "./parse-markdown.js";
import { parsePdf } from "./parse-pdf.js";
import type { ParsedDocument } from "./parsed-document.js";

export const ingestibleExtensions: readonly string[] = [".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"];

export async function parseDocument(source: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const extension = extname(source).toLowerCase();
  if (extension === ".pdf") return parsePdf(source, bytes);
  const content = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (extension === ".md" || extension === ".markdown") return parseMarkdown(source, content);
  if (extension === ".txt" || extension === ".text") return parseMarkdown(source, content, { plain: true });
  if (extension === ".html" || extension === ".htm") return parseHtml(content);
  throw new IngestError(`${source}: cannot ingest "${extension || "(no extension)"}" files; use one of ${ingestibleExtensions.join(", ")}`);
}
