// Case files: YAML, JSON and JSON Lines parse into validated cases; every mistake is reported as file:line with a fix.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CaseFileError, loadCaseFile, parseCases } from "./load-cases.js";

const goodYaml = `# two cases: one expected call, one no-call
- id: area-1
  category: simple
  messages:
    - role: user
      content: Area of a triangle with base 10 and height 5?
  tools:
    - name: calculate_triangle_area
      description: Area of a triangle.
      parameters:
        type: dict
        properties:
          base: { type: integer }
          height: { type: integer }
          unit: { type: string }
        required: [base, height]
  expect:
    calls:
      - calculate_triangle_area: { base: [10], height: [5], unit: ["units", ""] }
- id: chit-chat
  turns: ["hello", "how are you?"]
  expect: { no_call: true }
- id: book
  tools: [find_available_slots, book_appointment]
  messages: [{ role: user, content: "Book Maria's check-up" }]
  expect:
    effects:
      - name: book_appointment
        arguments: { customer_id: C-1001, slot_id: S-3 }
`;

function problemsOf(text: string, format: "yaml" | "jsonl", file = "cases.yaml") {
  try {
    parseCases(text, { file, format });
  } catch (error) {
    if (error instanceof CaseFileError) return error.problems;
    throw error;
  }
  throw new Error("expected the file to be rejected");
}

describe("parseCases (YAML)", () => {
  it("reads calls, no_call and effects cases with defaults applied", () => {
    const cases = parseCases(goodYaml, { file: "cases.yaml", format: "yaml" });
    expect(cases.map((testCase) => testCase.id)).toEqual(["area-1", "chit-chat", "book"]);
    const [area, chat, book] = cases;
    expect(area?.expect.calls).toEqual([{ calculate_triangle_area: { base: [10], height: [5], unit: ["units", ""] } }]);
    expect(area?.tools[0]).toMatchObject({ name: "calculate_triangle_area", risk: "read", area: "case" });
    expect(chat?.turns).toEqual(["hello", "how are you?"]);
    expect(chat?.expect).toEqual({ no_call: true });
    expect(book?.catalog).toBe("customer-service");
    expect(book?.expect.effects).toEqual([{ name: "book_appointment", arguments: { customer_id: "C-1001", slot_id: "S-3" } }]);
  });

  it("accepts OpenAI's { type: function, function } wrapper and a { cases: [...] } root", () => {
    const text = `cases:
  - id: wrapped
    messages: [{ role: user, content: hi }]
    tools:
      - type: function
        function: { name: ping, description: Ping., parameters: { type: object, properties: {} } }
    expect: { calls: [{ ping: {} }] }
`;
    const [only] = parseCases(text, { file: "c.yaml", format: "yaml" });
    expect(only?.tools[0]).toMatchObject({ name: "ping", description: "Ping." });
  });

  it("reports each problem at the line it is on, with the fix", () => {
    const text = `- id: one
  messages: [{ role: user, content: hi }]
  tools: [find_customer]
  expect:
    calls:
      - find_customer: { email: maria@example.com }
- id: two
  messages: [{ role: user, content: hi }]
  tools: [find_customer]
  expect: { calls: [{ find_customer: {} }], no_call: true }
- id: three
  prompt: hi
  tools: [find_customer]
  expect: { no_call: true }
`;
    const problems = problemsOf(text, "yaml");
    expect(problems).toEqual([
      expect.objectContaining({ line: 6, path: "case one.expect.calls[0].find_customer.email", message: expect.stringContaining("list the allowed values, e.g. base: [10]") }),
      expect.objectContaining({ line: 10, path: "case two.expect", message: "expect needs exactly one of calls, no_call, any_call or effects; got calls and no_call" }),
      expect.objectContaining({ line: 11, path: "case three.messages", message: expect.stringContaining("give either messages") }),
      expect.objectContaining({ line: 12, path: "case three", message: "unknown field prompt; remove or rename it" }),
    ]);
  });

  it("puts file:line into the error message", () => {
    expect(() => parseCases("- id: x\n  expect: { no_call: true }\n", { file: "suite/cases.yaml", format: "yaml" })).toThrow(
      /suite\/cases\.yaml:1: case x\.messages: give either messages/,
    );
  });

  it("reports YAML syntax errors with their line", () => {
    const problems = problemsOf("- id: a\n  messages: [\n- id: b\n", "yaml");
    expect(problems[0]?.message).toMatch(/^YAML syntax:/);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it("rejects duplicate ids (they key the cache) and effects on tools the case does not have", () => {
    const text = `- id: same
  turns: [hi]
  expect: { no_call: true }
- id: same
  turns: [hi]
  tools: [find_customer]
  expect:
    effects: [{ name: book_appointment, arguments: {} }]
`;
    const problems = problemsOf(text, "yaml");
    expect(problems.map((problem) => [problem.line, problem.message])).toEqual([
      [4, "duplicate id same (first at line 1); ids key the result cache"],
      [8, "book_appointment is not among the case's tools"],
    ]);
  });

  it("explains a malformed inline tool", () => {
    const problems = problemsOf("- id: t\n  turns: [hi]\n  tools:\n    - description: no name\n  expect: { calls: [{ f: {} }] }\n", "yaml");
    expect(problems[0]).toMatchObject({ line: 4, path: "case t.tools[0]" });
    expect(problems[0]?.message).toContain("function definition { name, description, parameters }");
    expect(problems[0]?.message).toContain("name");
  });
});

describe("parseCases (JSON Lines)", () => {
  it("reads one case per line and reports bad lines by number", () => {
    const good = JSON.stringify({ id: "a", messages: [{ role: "user", content: "hi" }], expect: { no_call: true } });
    expect(parseCases(`${good}\n\n`, { file: "c.jsonl", format: "jsonl" })).toHaveLength(1);
    const problems = problemsOf(`${good}\n{"id": "b",\n${JSON.stringify({ id: "c", messages: [], expect: { no_call: true } })}\n`, "jsonl", "c.jsonl");
    expect(problems.map((problem) => [problem.line, problem.path])).toEqual([
      [2, ""],
      [3, "messages"],
      [3, "messages"],
    ]);
    expect(problems[0]?.message).toMatch(/not valid JSON .*each line must be one case object/);
  });
});

describe("loadCaseFile", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("picks the format from the extension and names the file in errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-cases-"));
    dirs.push(dir);
    writeFileSync(join(dir, "ok.yaml"), goodYaml);
    writeFileSync(join(dir, "ok.json"), JSON.stringify([{ id: "j", turns: ["hi"], expect: { no_call: true } }], null, 2));
    writeFileSync(join(dir, "cases.txt"), "");
    expect(loadCaseFile(join(dir, "ok.yaml"))).toHaveLength(3);
    expect(loadCaseFile(join(dir, "ok.json"))[0]?.id).toBe("j");
    expect(() => loadCaseFile(join(dir, "cases.txt"))).toThrow(/cases\.txt:1: unknown case file type "\.txt"; use \.yaml, \.yml, \.json or \.jsonl/);
    expect(() => loadCaseFile(join(dir, "missing.yaml"))).toThrow(/missing\.yaml:1: cannot read it/);
  });
});
