// The demo's source data: cases generated over the example catalog must be valid eval cases, importable as training
// rows without a reject or a defect, and the held-back rows must turn back into the very cases they came from.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DatasetRecord } from "../../src/dataset/index.js";
import { checkRecord, importFile, SchemaCache } from "../../src/dataset/index.js";
import { evalCaseSchema } from "../../src/eval/index.js";
import { compactCatalogTools, generateCatalogCases } from "./catalog-cases.js";
import { heldOutCase, HeldOutRowError } from "./held-out-cases.js";

const work = mkdtempSync(join(tmpdir(), "demo-cases-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("cases generated from the example catalog", () => {
  const cases = generateCatalogCases({ perTool: 6, toolsPerCase: 3, seed: 11 });

  it("covers all 13 catalog tools with valid cases whose expected tool is offered among distractors", () => {
    const tools = compactCatalogTools();
    expect(tools).toHaveLength(13);
    expect(cases).toHaveLength(13 * 6);
    expect(new Set(cases.map((entry) => entry.category))).toEqual(new Set(tools.map((tool) => tool.name)));
    for (const entry of cases) {
      const parsed = evalCaseSchema.parse(entry);
      const offered = parsed.tools.map((tool) => (typeof tool === "string" ? tool : tool.name));
      expect(new Set(offered).size).toBe(3);
      expect(offered).toContain(Object.keys(parsed.expect.calls![0]!)[0]);
    }
  });

  it("puts every expected argument value in the request verbatim (or, for an enum, names it), so a model can copy it", () => {
    const tools = new Map(compactCatalogTools().map((tool) => [tool.name, tool]));
    for (const entry of cases) {
      const text = entry.messages![0]!.content;
      const [name, parameters] = Object.entries(entry.expect.calls![0]!)[0]!;
      const properties = tools.get(name)!.parameters.properties as Record<string, { enum?: unknown[] }>;
      for (const [parameter, allowed] of Object.entries(parameters)) {
        if (text.includes(String(allowed[0]))) continue;
        expect(properties[parameter]?.enum, `${entry.id}: ${parameter}=${String(allowed[0])} is neither in "${text}" nor an enum value`).toContain(allowed[0]);
      }
    }
  });

  it("is seeded: the same seed gives the same cases, another seed other ones", () => {
    expect(generateCatalogCases({ perTool: 6, toolsPerCase: 3, seed: 11 })).toEqual(cases);
    expect(generateCatalogCases({ perTool: 6, toolsPerCase: 3, seed: 12 })).not.toEqual(cases);
    expect(() => generateCatalogCases({ perTool: 1, toolsPerCase: 14, seed: 1 })).toThrow(/toolsPerCase must be 1\.\.13/);
  });

  it("imports through the eval-case importer with no reject and verifies without a defect", async () => {
    const file = join(work, "cases.jsonl");
    writeFileSync(file, cases.map((entry) => JSON.stringify(entry)).join("\n") + "\n");
    const rows: DatasetRecord[] = [];
    const problems: string[] = [];
    for await (const outcome of importFile(file, { format: "eval-cases" })) {
      if (outcome.record) rows.push(outcome.record);
      else problems.push(JSON.stringify(outcome));
    }
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(cases.length);
    const schemas = new SchemaCache();
    const errors = rows.flatMap((row) => checkRecord(row, schemas).filter((defect) => defect.severity === "error").map((defect) => `${row.meta.id} ${defect.kind}`));
    expect(errors).toEqual([]);

    // Held back, a row becomes its own case again: same prompt, tools and expectation.
    for (const [index, row] of rows.entries()) {
      const original = evalCaseSchema.parse(cases[index]);
      const back = evalCaseSchema.parse(heldOutCase(row));
      expect(back.id).toBe(original.id);
      expect(back.category).toBe(original.category);
      expect({ system: back.system, messages: back.messages, expect: back.expect }).toEqual({ system: original.system, messages: original.messages, expect: original.expect });
      expect(back.tools.map((tool) => (typeof tool === "string" ? tool : tool.name))).toEqual(original.tools.map((tool) => (typeof tool === "string" ? tool : tool.name)));
    }
  });

  it("refuses a held-back row that is not one exchange, naming the row", () => {
    const row: DatasetRecord = { messages: [{ role: "user", content: "a" }, { role: "user", content: "b" }], tools: [], meta: { id: "row-7", source: { format: "canonical" } } };
    expect(() => heldOutCase(row)).toThrow(HeldOutRowError);
    expect(() => heldOutCase(row)).toThrow(/held-back row row-7: expected one user and one assistant message, got 2 and 0/);
  });
});
