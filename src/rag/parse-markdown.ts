// Markdown and plain text into blocks: YAML front matter as metadata (its `access` as access labels), ATX and setext
// headings, paragraphs split on blank lines, fenced code kept whole. Offsets point into the body after the front matter.
import { parse as parseYaml } from "yaml";
import type { JsonValue } from "../record/index.js";
import type { DocumentBlock, ParsedDocument } from "./parsed-document.js";
import { IngestError } from "./errors.js";

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n?/;

export function parseMarkdown(source: string, content: string, options: { plain?: boolean } = {}): ParsedDocument {
  let metadata: Record<string, JsonValue> = {};
  let body = content.replace(/^\uFEFF/, "");
  const matter = options.plain ? null : frontMatter.exec(body);
  if (matter) {
    let parsed: unknown;
    try {
      parsed = parseYaml(matter[1]!);
    } catch (cause) {
      throw new IngestError(`${source}: the front matter is not valid YAML: ${(cause as Error).message}`, { cause });
    }
    if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) throw new IngestError(`${source}: the front matter must be a YAML mapping`);
    metadata = (parsed ?? {}) as Record<string, JsonValue>;
    body = body.slice(matter[0].length);
  }
  const blocks: DocumentBlock[] = [];
  const lines = body.split("\n");
  let offset = 0;
  let paragraph: { start: number; end: number } | undefined;
  let fence: string | undefined;
  const closeParagraph = () => {
    if (paragraph) blocks.push({ kind: "paragraph", ...paragraph });
    paragraph = undefined;
  };
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, "");
    const start = offset;
    const end = offset + line.length;
    offset += rawLine.length + 1;
    if (options.plain) {
      if (line.trim() === "") closeParagraph();
      else paragraph = { start: paragraph?.start ?? start + leading(line), end };
      return;
    }
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      paragraph!.end = end;
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) {
        fence = undefined;
        closeParagraph();
      }
      return;
    }
    if (fenceMark) {
      closeParagraph();
      fence = fenceMark;
      paragraph = { start: start + leading(line), end };
      return;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      closeParagraph();
      const textStart = start + line.indexOf(atx[2]!, atx[1]!.length);
      if (atx[2]!.length > 0) blocks.push({ kind: "heading", level: atx[1]!.length, start: textStart, end: textStart + atx[2]!.length });
      return;
    }
    const setext = /^\s{0,3}(=+|-+)\s*$/.exec(line);
    if (setext && paragraph && index > 0 && !lines[index - 1]!.trim().startsWith("-")) {
      // The paragraph's last line was a heading: split it off.
      const previousStart = start - lines[index - 1]!.length - 1;
      if (previousStart > paragraph.start) blocks.push({ kind: "paragraph", start: paragraph.start, end: previousStart - 1 });
      blocks.push({ kind: "heading", level: setext[1]![0] === "=" ? 1 : 2, start: previousStart + leading(lines[index - 1]!), end: previousStart + lines[index - 1]!.replace(/\s+$/, "").length });
      paragraph = undefined;
      return;
    }
    if (line.trim() === "") closeParagraph();
    else paragraph = { start: paragraph?.start ?? start + leading(line), end };
  });
  closeParagraph();
  const firstHeading = blocks.find((block) => block.kind === "heading");
  const title = typeof metadata.title === "string" ? metadata.title : firstHeading ? body.slice(firstHeading.start, firstHeading.end) : undefined;
  const access = accessLabels(source, metadata.access);
  return { text: body, blocks, metadata, ...(title ? { title } : {}), ...(access ? { access } : {}) };
}

function leading(line: string): number {
  return line.length - line.trimStart().length;
}

/** `access: finance` or `access: [finance, legal]` in front matter. */
function accessLabels(source: string, value: JsonValue | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const labels = Array.isArray(value) ? value : [value];
  if (!labels.every((label) => typeof label === "string" && label.trim() !== "")) throw new IngestError(`${source}: access must be a label or a list of labels, got ${JSON.stringify(value)}`);
  return (labels as string[]).map((label) => label.trim());
}
