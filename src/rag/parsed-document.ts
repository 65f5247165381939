// What every parser yields: the document's plain text, and its structure as blocks with offsets into that text.
import type { JsonValue } from "../record/index.js";

export interface DocumentBlock {
  kind: "heading" | "paragraph";
  /** 1 (top) to 6, for headings. */
  level?: number;
  /** [start, end) in ParsedDocument.text. */
  start: number;
  end: number;
}

export interface ParsedDocument {
  /** The plain text every chunk offset points into. */
  text: string;
  title?: string;
  blocks: DocumentBlock[];
  metadata: Record<string, JsonValue>;
  /** Access labels the document itself declares (front matter, a meta tag). */
  access?: string[];
}

/** Builds `text` and its blocks together, so offsets cannot drift from the text. */
export class DocumentBuilder {
  private text = "";
  readonly blocks: DocumentBlock[] = [];

  add(kind: DocumentBlock["kind"], content: string, level?: number): void {
    const trimmed = content.trim();
    if (trimmed === "") return;
    if (this.text.length > 0) this.text += "\n\n";
    const start = this.text.length;
    this.text += trimmed;
    this.blocks.push({ kind, start, end: this.text.length, ...(level === undefined ? {} : { level }) });
  }

  finish(rest: Omit<ParsedDocument, "text" | "blocks">): ParsedDocument {
    return { text: this.text, blocks: this.blocks, ...rest };
  }
}
