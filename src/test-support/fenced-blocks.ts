// The fenced code blocks of a Markdown page in a given language, so tests can run the examples the docs show.

/** Bodies of the page's ```<language> blocks, in order. */
export function fencedBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const pattern = /^( *)```(\S*)[^\n]*\n([\s\S]*?)^\1```\s*$/gm;
  for (const match of markdown.matchAll(pattern)) {
    if (match[2] !== language) continue;
    const indent = match[1]!.length;
    // Blocks inside list items are indented; their lines lose that indentation.
    blocks.push(match[3]!.split("\n").map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length))).join("\n"));
  }
  return blocks;
}
