// Each format's parser: Markdown front matter and headings, HTML structure and metas, a real PDF through pdfjs-dist.
import { describe, expect, it } from "vitest";
import { IngestError } from "./errors.js";
import { parseDocument } from "./parse-document.js";
import { tinyPdf } from "./tiny-pdf.fixture.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const blockTexts = (document: { text: string; blocks: Array<{ kind: string; start: number; end: number }> }) => document.blocks.map((block) => `${block.kind}:${document.text.slice(block.start, block.end)}`);

describe("parseDocument", () => {
  it("reads Markdown front matter as metadata and access labels, and headings as structure", async () => {
    const parsed = await parseDocument("notes.md", bytes("---\ntitle: Payroll notes\naccess: [finance, hr]\nowner: ana\n---\n# Payroll\n\nRuns monthly.\nOn the 25th.\n\nSetext heading\n---\n\n```\n# not a heading\n```\n"));
    expect(parsed.title).toBe("Payroll notes");
    expect(parsed.access).toEqual(["finance", "hr"]);
    expect(parsed.metadata.owner).toBe("ana");
    expect(blockTexts(parsed)).toEqual(["heading:Payroll", "paragraph:Runs monthly.\nOn the 25th.", "heading:Setext heading", "paragraph:```\n# not a heading\n```"]);
  });

  it("says where bad front matter is", async () => {
    await expect(parseDocument("bad.md", bytes("---\naccess: [unclosed\n---\ntext"))).rejects.toThrow(/bad\.md: the front matter is not valid YAML/);
    await expect(parseDocument("bad.md", bytes("---\naccess: [1, 2]\n---\ntext"))).rejects.toThrow(IngestError);
  });

  it("reads plain text as paragraphs, with no front matter", async () => {
    const parsed = await parseDocument("a.txt", bytes("---\nnot: matter\n---\n\nsecond paragraph"));
    expect(blockTexts(parsed)).toEqual(["paragraph:---\nnot: matter\n---", "paragraph:second paragraph"]);
  });

  it("reads HTML headings and block text, drops scripts and styles, and takes access from a meta tag", async () => {
    const html = `<html><head><title>Runbook</title><meta name="access" content="ops, sre"><meta name="author" content="kim"><style>p{}</style></head>
      <body><h1>Restart</h1><p>Stop the <b>service</b> &amp; wait.</p><script>evil()</script><ul><li>one</li><li>two</li></ul></body></html>`;
    const parsed = await parseDocument("runbook.html", bytes(html));
    expect(parsed.title).toBe("Runbook");
    expect(parsed.access).toEqual(["ops", "sre"]);
    expect(parsed.metadata.author).toBe("kim");
    expect(blockTexts(parsed)).toEqual(["heading:Restart", "paragraph:Stop the service & wait.", "paragraph:one", "paragraph:two"]);
  });

  it("reads a PDF's text per page with pdfjs-dist, paragraphs split at wide gaps", async () => {
    const pdf = tinyPdf([
      [
        { y: 700, text: "Quarterly report" },
        { y: 686, text: "continues here." },
        { y: 640, text: "A second paragraph." },
      ],
      [{ y: 700, text: "Second page text." }],
    ]);
    const parsed = await parseDocument("report.pdf", pdf);
    expect(parsed.title).toBe("Tiny");
    expect(parsed.metadata.pages).toBe(2);
    expect(blockTexts(parsed)).toEqual(["heading:Page 1", "paragraph:Quarterly report continues here.", "paragraph:A second paragraph.", "heading:Page 2", "paragraph:Second page text."]);
  });

  it("refuses a broken PDF and an unknown extension, naming the file", async () => {
    await expect(parseDocument("broken.pdf", bytes("not a pdf at all"))).rejects.toThrow(/broken\.pdf: not a readable PDF/);
    await expect(parseDocument("data.csv", bytes("a,b"))).rejects.toThrow(/data\.csv: cannot ingest "\.csv"/);
  });
});
