// `toolgate rag ingest|search` end to end in-process: real files, a real SQLite store, progress, access, errors.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

function workspace(): string {
  const cwd = dirs.make("g-rag-cli-");
  mkdirSync(join(cwd, "kb"));
  writeFileSync(join(cwd, "kb", "leave.md"), "# Annual leave\n\nEveryone gets 25 days of annual leave a year.\n");
  writeFileSync(join(cwd, "kb", "pay.md"), "---\naccess: finance\n---\n# Pay\n\nPay day is the 25th; leave is paid at the normal rate.\n");
  return cwd;
}

describe("toolgate rag", () => {
  it("ingests with progress, skips unchanged files on a second run, and searches as a principal", async () => {
    const cwd = workspace();
    const first = capturedIo({ cwd });
    expect(await main(["rag", "ingest", "kb"], first)).toBe(0);
    expect(first.err()).toMatch(/\[1\/2\] added .*leave\.md \(1 chunks\)\n\[2\/2\] added .*pay\.md/);
    expect(first.out()).toMatch(/^2 files: 2 added, 0 updated, 0 unchanged; 2 chunks written/);

    const second = capturedIo({ cwd });
    expect(await main(["rag", "ingest", "kb", "--quiet"], second)).toBe(0);
    expect(second.out()).toMatch(/^2 files: 0 added, 0 updated, 2 unchanged; 0 chunks/);
    expect(second.err()).toBe("");

    const anonymous = capturedIo({ cwd });
    expect(await main(["rag", "search", "annual", "leave", "pay", "--json"], anonymous)).toBe(0);
    expect(anonymous.out().trim().split("\n").map((line) => JSON.parse(line).source.replace(`${cwd}/`, ""))).toEqual(["kb/leave.md"]);

    const finance = capturedIo({ cwd });
    expect(await main(["rag", "search", "pay", "day", "--principal", "fay", "--role", "finance"], finance)).toBe(0);
    expect(finance.out()).toMatch(/^\[1\] \d+\.\d{4} {2}.*kb\/pay\.md › Pay {2}\(chunk 0, chars \d+-\d+\)\n {4}Pay day is the 25th/);
  });

  it("gives located errors for a missing path, a bad flag and an empty store", async () => {
    const cwd = workspace();
    const missing = capturedIo({ cwd });
    expect(await main(["rag", "ingest", "nope"], missing)).toBe(2);
    expect(missing.err()).toMatch(/toolgate: .*nope: no such file or folder/);

    const badSize = capturedIo({ cwd });
    expect(await main(["rag", "ingest", "kb", "--chunk-size", "ten"], badSize)).toBe(2);
    expect(badSize.err()).toMatch(/--chunk-size must be a whole number, got "ten"/);

    const empty = capturedIo({ cwd });
    expect(await main(["rag", "search", "anything", "--store", "sqlite:none.db"], empty)).toBe(1);
    expect(empty.err()).toMatch(/toolgate: .*none\.db/);

    const roleOnly = capturedIo({ cwd });
    expect(await main(["rag", "search", "x", "--role", "finance"], roleOnly)).toBe(2);
    expect(roleOnly.err()).toMatch(/--role needs --principal/);
  });
});
