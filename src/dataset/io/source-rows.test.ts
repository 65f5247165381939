// JSON Lines are split from the read chunks directly: line numbers must be readline's, across chunk boundaries and
// whatever the line endings, with blank and broken lines handled as before.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { readJsonLines } from "./source-rows.js";

const work = mkdtempSync(join(tmpdir(), "toolgate-source-rows-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function collect(path: string) {
  const rows = [];
  for await (const row of readJsonLines(path)) rows.push(row);
  return rows;
}

/** What readline numbers each non-blank line as (the reference the old reader used). */
async function readlineNumbers(path: string): Promise<number[]> {
  const numbers: number[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() !== "") numbers.push(line);
  }
  return numbers;
}

describe("readJsonLines", () => {
  it("numbers lines as readline does with \\n, \\r\\n, lone \\r, blank lines, a BOM and no final newline", async () => {
    const path = join(work, "mixed.jsonl");
    writeFileSync(path, '\uFEFF{"a":1}\r\n\r\n{"a":2}\n{"a":3}\r{"a":4}\n\n  \n{broken\n{"a":5}');
    const rows = await collect(path);
    expect(rows.map((row) => row.line)).toEqual(await readlineNumbers(path));
    expect(rows.map((row) => row.value)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }, undefined, { a: 5 }]);
    expect(rows[4]?.error).toMatch(/^not JSON: /);
    expect(rows[4]?.line).toBe(8);
  });

  it("keeps rows whole across read chunks (a multi-megabyte file, \\r\\n endings, long lines)", async () => {
    const path = join(work, "big.jsonl");
    const lines = Array.from({ length: 3000 }, (_, index) => JSON.stringify({ index, text: "x".repeat((index * 977) % 3001) }));
    writeFileSync(path, lines.join("\r\n") + "\r\n");
    const rows = await collect(path);
    expect(rows).toHaveLength(3000);
    expect(rows.every((row, index) => (row.value as { index: number }).index === index && row.line === index + 1)).toBe(true);
  });
});
