// `toolgate dataset tokens | bundle | verify-manifest` in-process on real files, a real audit store and key.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.removeAll());

function rows(): string {
  return [1, 2, 3]
    .map((index) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `Weather in city ${index}?` },
          { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: { city: `city ${index}` } } }] },
          { role: "tool", tool_call_id: "c1", content: "sunny ".repeat(index * 200) },
          { role: "assistant", content: "Sunny." },
        ],
        tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
        meta: { id: `r${index}`, source: { format: "canonical" }, licence: "CC-BY-4.0" },
      }),
    )
    .join("\n");
}

describe("toolgate dataset tokens / bundle / verify-manifest", () => {
  const cwd = dirs.make();
  writeFileSync(join(cwd, "rows.jsonl"), `${rows()}\n`);
  const run = async (...argv: string[]) => {
    const io = capturedIo({ cwd, env: { TOOLGATE_HOME: join(cwd, ".toolgate") } });
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it("prints one {id, tokens, trainedTokens} line per row and fits long rows with the declared strategy", async () => {
    const counted = await run("dataset", "tokens", "rows.jsonl", "--template", "toolgate-chatml", "--tokenizer", "llama2", "--json");
    expect(counted.code).toBe(0);
    const lines = counted.out.trim().split("\n").map((line) => JSON.parse(line) as { id: string; tokens: number; trainedTokens: number });
    expect(lines.map((line) => line.id)).toEqual(["r1", "r2", "r3"]);
    expect(Object.keys(lines[0] ?? {})).toEqual(["id", "tokens", "trainedTokens"]);
    expect(lines[2]?.tokens).toBeGreaterThan(lines[0]?.tokens ?? 0);

    const limit = String((lines[1]?.tokens ?? 0) + 5);
    const fitted = await run("dataset", "tokens", "rows.jsonl", "--template", "toolgate-chatml", "--tokenizer", "llama2", "--max-tokens", limit, "--fit", "trim-tool-results", "--out", "fitted.jsonl", "--report", "tokens.json");
    expect(fitted.code).toBe(0);
    expect(fitted.out).toMatch(/rows 3 · kept 3 · fitted 1 · dropped 0/);
    expect(fitted.out).toContain("trim-tool-results: 1 row(s)");
  });

  it("imports other formats on the fly and lists the rows it could not import", async () => {
    const call = { id: "c1", type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city: "Oslo" }) } };
    writeFileSync(join(cwd, "openai.jsonl"), `${JSON.stringify({ messages: [{ role: "user", content: "Oslo?" }, { role: "assistant", tool_calls: [call] }] })}\n{"nope": 1}\n`);
    const counted = await run("dataset", "tokens", "openai.jsonl", "--format", "openai", "--template", "toolgate-chatml", "--tokenizer", "llama2", "--json");
    expect(counted.code).toBe(0);
    expect(JSON.parse(counted.out.trim())).toMatchObject({ id: "openai:L1" });
    expect(counted.err).toMatch(/not imported: .*openai\.jsonl:2/);
  });

  it("names a bad template and a bad strategy as usage errors", async () => {
    expect((await run("dataset", "tokens", "rows.jsonl", "--template", "nope.jinja", "--tokenizer", "llama2")).err).toMatch(/chat template nope\.jinja: no such file/);
    const bad = await run("dataset", "tokens", "rows.jsonl", "--template", "toolgate-chatml", "--tokenizer", "llama2", "--max-tokens", "10", "--fit", "squash");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown context strategy "squash"');
  });

  it("bundles for two trainers with signed manifests that verify, then fails verification after a change", async () => {
    const bundled = await run("dataset", "bundle", "fitted.jsonl", "--trainer", "trl,llama-factory", "--out", "bundles", "--template", "toolgate-chatml", "--tokenizer", "llama2", "--max-tokens", "4096", "--base-model", "tiny");
    expect(bundled.err).toBe("");
    expect(bundled.code).toBe(0);
    expect(bundled.out).toMatch(/trl: bundles\/trl — 3 train \/ 0 eval rows, \d+ files, manifest signed ed25519:/);
    expect(bundled.out).toContain("(cd bundles/llama-factory && llamafactory-cli train train_lora.yaml)");

    const ok = await run("dataset", "verify-manifest", "bundles/trl");
    expect(ok.out).toMatch(/bundles\/trl: OK — signature valid/);
    expect(ok.code).toBe(0);

    appendFileSync(join(cwd, "bundles", "llama-factory", "data", "train.jsonl"), "{}\n");
    const changed = await run("dataset", "verify-manifest", "bundles/llama-factory");
    expect(changed.code).toBe(1);
    expect(changed.out).toContain("changed: data/train.jsonl");

    const card = await run("dataset", "card", "--bundle", "bundles/trl", "--tokens", "tokens.json", "--out", "card");
    expect(card.code).toBe(0);
    const markdown = readFileSync(join(cwd, "card.md"), "utf8");
    expect(markdown).toContain("# Fine-tuning data for tiny");
    expect(markdown).toContain("- source (inline) (canonical), licence CC-BY-4.0: 3 rows");
    expect(markdown).toMatch(/- manifest signed by ed25519:/);
    expect(readFileSync(join(cwd, "card.html"), "utf8")).toContain("Rows by token count");
  });
});
