// HTML into blocks with htmlparser2: headings h1-h6, one paragraph per block-level element's own text, scripts and styles
// dropped, <title> as the title, <meta name="access"> as access labels and other named metas as metadata.
import { Parser } from "htmlparser2";
import type { JsonValue } from "../record/index.js";
import { DocumentBuilder } from "./parsed-document.js";
import type { ParsedDocument } from "./parsed-document.js";

const blockTags = new Set(["p", "div", "li", "ul", "ol", "pre", "blockquote", "td", "th", "tr", "table", "dt", "dd", "dl", "figcaption", "section", "article", "header", "footer", "main", "nav", "aside", "br", "hr", "body", "form", "address", "details", "summary", "caption"]);
const skippedTags = new Set(["script", "style", "noscript", "template", "svg", "head"]);

export function parseHtml(content: string): ParsedDocument {
  const builder = new DocumentBuilder();
  const metadata: Record<string, JsonValue> = {};
  let access: string[] | undefined;
  let title = "";
  let inTitle = false;
  let skipping = 0;
  let buffer = "";
  let heading: number | undefined;
  const flush = () => {
    const text = buffer.replace(/\s+/g, " ").trim();
    buffer = "";
    if (text === "") return;
    if (heading === undefined) builder.add("paragraph", text);
    else builder.add("heading", text, heading);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "title") inTitle = true;
        else if (name === "meta" && attributes.name && attributes.content !== undefined) {
          if (attributes.name.toLowerCase() === "access") access = attributes.content.split(/[\s,]+/).filter((label) => label !== "");
          else metadata[attributes.name] = attributes.content;
        } else if (skippedTags.has(name)) skipping++;
        else if (/^h[1-6]$/.test(name)) {
          flush();
          heading = Number(name[1]);
        } else if (blockTags.has(name)) flush();
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (skipping === 0) buffer += text;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        else if (skippedTags.has(name)) skipping = Math.max(0, skipping - 1);
        else if (/^h[1-6]$/.test(name)) {
          flush();
          heading = undefined;
        } else if (blockTags.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(content);
  parser.end();
  flush();
  const cleanTitle = title.replace(/\s+/g, " ").trim();
  return builder.finish({ metadata, ...(cleanTitle ? { title: cleanTitle } : {}), ...(access && access.length > 0 ? { access } : {}) });
}
