// A line diff of two tool definitions (as indented JSON), for a person deciding whether to re-approve a changed MCP tool.

/** `  ` unchanged, `- ` only in the old text, `+ ` only in the new one; unchanged runs far from a change are folded. */
export function lineDiff(before: string, after: string, context = 3): string[] {
  // An empty text is no lines (a tool never pinned before), not one empty line.
  const a = before === "" ? [] : before.split("\n");
  const b = after === "" ? [] : after.split("\n");
  // Longest common subsequence table, from the end; definitions are a few hundred lines at most.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const lines: Array<{ mark: " " | "-" | "+"; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ mark: " ", text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // The old line first, then the new one, as a reader expects.
      lines.push({ mark: "-", text: a[i]! });
      i++;
    } else {
      lines.push({ mark: "+", text: b[j]! });
      j++;
    }
  }
  const near = lines.map((line, index) => lines.slice(Math.max(0, index - context), index + context + 1).some((other) => other.mark !== " "));
  const shown: string[] = [];
  let folded = 0;
  lines.forEach((line, index) => {
    if (near[index]) {
      if (folded > 0) shown.push(`  … ${folded} unchanged line${folded === 1 ? "" : "s"}`);
      folded = 0;
      shown.push(`${line.mark} ${line.text}`);
    } else folded++;
  });
  if (folded > 0) shown.push(`  … ${folded} unchanged line${folded === 1 ? "" : "s"}`);
  return shown;
}
