// `toolgate rag ingest|search` end to end in-process: real files, a real SQLite store, progress, access, errors.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeWithShared, tinyModelPath } from "../test-support/shared-data.js";
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

    const badMode = capturedIo({ cwd });
    expect(await main(["rag", "search", "x", "--mode", "semantic"], badMode)).toBe(2);
    expect(badMode.err()).toMatch(/--mode must be one of lexical, vector, hybrid, got "semantic"/);
    const noModel = capturedIo({ cwd, env: {} });
    expect(await main(["rag", "search", "x", "--mode", "hybrid"], noModel)).toBe(2);
    expect(noModel.err()).toMatch(/--mode hybrid needs --embedding-model <spec>/);
    const badSpec = capturedIo({ cwd });
    expect(await main(["rag", "ingest", "kb", "--embed", "anthropic:claude"], badSpec)).toBe(2);
    expect(badSpec.err()).toMatch(/anthropic serves no embedding models here/);

    const roleOnly = capturedIo({ cwd });
    expect(await main(["rag", "search", "x", "--role", "finance"], roleOnly)).toBe(2);
    expect(roleOnly.err()).toMatch(/--role needs --principal/);
  });
});

describeWithShared(
  "toolgate rag with an embedding model (llama engine, tiny random GGUF)",
  () => {
    it("ingests with --embed and searches --mode hybrid and vector with the same model; a lexical-only store says how to fix", async () => {
      const cwd = workspace();
      const spec = `llama:${tinyModelPath()}`;
      const ingest = capturedIo({ cwd });
      expect(await main(["rag", "ingest", "kb", "--embed", spec, "--quiet"], ingest)).toBe(0);
      expect(ingest.out()).toMatch(/^2 files: 2 added/);
      const hybrid = capturedIo({ cwd });
      expect(await main(["rag", "search", "annual", "leave", "--mode", "hybrid", "--embedding-model", spec], hybrid)).toBe(0);
      expect(hybrid.out()).toMatch(/^\[1\] 0\.\d{4} {2}\(lexical #1, vector #\d\) {2}.*kb\/leave\.md/);
      expect(hybrid.out()).not.toMatch(/pay\.md/);
      const vector = capturedIo({ cwd });
      expect(await main(["rag", "search", "pay", "day", "--mode", "vector", "--embedding-model", spec, "--principal", "fay", "--role", "finance", "--json"], vector)).toBe(0);
      expect(vector.out().trim().split("\n")).toHaveLength(2);
      const lexicalOnly = capturedIo({ cwd });
      expect(await main(["rag", "ingest", "kb", "--store", "sqlite:plain.db", "--quiet"], lexicalOnly)).toBe(0);
      const refused = capturedIo({ cwd });
      expect(await main(["rag", "search", "leave", "--store", "sqlite:plain.db", "--mode", "vector", "--embedding-model", spec], refused)).toBe(1);
      expect(refused.err()).toMatch(/holds no vectors: ingest with an embedding model first/);
    }, 120_000);
  },
  "models",
  "llama-2-tiny-random.gguf",
);
