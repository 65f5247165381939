// docs/eval-cases.md: its examples load with the real case loader and validate against the checked-in docs/eval-case.schema.json, which is what the code generates.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { evalCaseFileJsonSchema } from "./case-json-schema.js";
import { parseCases } from "./load-cases.js";
import { fencedBlocks } from "../../test-support/fenced-blocks.js";
import { parse } from "yaml";

const docs = join(import.meta.dirname, "../../../docs");
const page = readFileSync(join(docs, "eval-cases.md"), "utf8");
const checkedIn = JSON.parse(readFileSync(join(docs, "eval-case.schema.json"), "utf8")) as Record<string, unknown>;

describe("docs/eval-cases.md and docs/eval-case.schema.json", () => {
  it("the checked-in schema is the one the code generates (regenerate: npx tsx scripts/write-doc-schemas.ts)", () => {
    expect(checkedIn).toEqual(evalCaseFileJsonSchema());
  });

  it("the YAML example loads with the case loader: every kind of expectation, inline, OpenAI-wrapped and catalog tools", () => {
    const [yaml] = fencedBlocks(page, "yaml");
    const cases = parseCases(yaml!, { file: "docs/eval-cases.md", format: "yaml" });
    expect(cases.map((entry) => entry.id)).toEqual(["weather_lisbon", "no_tool_for_poetry", "refund_double_charge"]);
    expect(cases[0]!.expect.calls).toEqual([{ get_weather: { city: ["Lisbon", "lisbon"], unit: ["celsius", ""] } }]);
    expect(cases[1]!.tools[0]).toMatchObject({ name: "get_weather", risk: "read" });
    expect(cases[2]!.expect.effects?.[0]?.name).toBe("issue_refund");
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(checkedIn);
    expect(validate(parse(yaml!)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the JSON Lines example loads line by line, each line an item of the schema", () => {
    const [jsonl] = fencedBlocks(page, "jsonl");
    expect(parseCases(jsonl!, { file: "docs/eval-cases.md", format: "jsonl" }).map((entry) => entry.id)).toEqual(["weather_lisbon_jsonl", "no_call_jsonl"]);
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(checkedIn);
    const lines = jsonl!.trim().split("\n").map((line) => JSON.parse(line) as unknown);
    expect(validate(lines), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the schema rejects what an editor should flag: an unknown key and a case without an id", () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(checkedIn);
    expect(validate([{ id: "x", messages: [{ role: "user", content: "hi" }], expect: { no_call: true }, expected: {} }])).toBe(false);
    expect(validate([{ messages: [{ role: "user", content: "hi" }], expect: { no_call: true } }])).toBe(false);
  });
});
