// runEvalSuite with BFCL's AST checker as the argument checker: the error taxonomy on inline cases and on catalog tools.
import { describe, expect, it } from "vitest";
import { parseCases, runEvalSuite } from "../../../eval/index.js";
import { answeringModel } from "../../../eval/run/test-support/answering-model.js";
import { bfclArgumentChecker } from "./bfcl-argument-checker.js";

const area = `{ name: calculate_triangle_area, description: Area of a triangle., parameters: { type: dict, properties: { base: { type: integer }, height: { type: integer }, unit: { type: string } }, required: [base, height] } }`;
const circle = `{ name: calculate_circle_area, description: Area of a circle., parameters: { type: dict, properties: { radius: { type: float } }, required: [radius] } }`;
const triangleCase = (id: string) => `- id: ${id}
  category: simple
  messages: [{ role: user, content: "${id}" }]
  tools: [${area}, ${circle}]
  expect: { calls: [{ calculate_triangle_area: { base: [10], height: [5], unit: ["units", ""] } }] }
`;
const pairCase = (id: string) => `- id: ${id}
  category: parallel
  messages: [{ role: user, content: "${id}" }]
  tools: [${area}]
  expect:
    calls:
      - calculate_triangle_area: { base: [10], height: [5], unit: [""] }
      - calculate_triangle_area: { base: [3], height: [4], unit: [""] }
`;
const argumentCases = parseCases(
  ["ok", "missing-required", "unexpected-param", "type-error", "float-for-int", "value-error", "wrong-function", "extra-call"].map(triangleCase).join("") +
    ["pair-swapped", "pair-short", "pair-wrong-value"].map(pairCase).join(""),
  { file: "arguments.yaml", format: "yaml" },
);

/** Raw argument text on purpose: `10.0` must reach the checker as a float. */
const triangle = (args: string) => ({ name: "calculate_triangle_area", arguments: args });
const argumentAnswers: Record<string, Array<{ name: string; arguments: string }>> = {
  ok: [triangle('{"base": 10, "height": 5}')],
  "missing-required": [triangle('{"base": 10}')],
  "unexpected-param": [triangle('{"base": 10, "height": 5, "color": "red"}')],
  "type-error": [triangle('{"base": "10", "height": 5}')],
  "float-for-int": [triangle('{"base": 10.0, "height": 5}')],
  "value-error": [triangle('{"base": 12, "height": 5}')],
  "wrong-function": [{ name: "calculate_circle_area", arguments: '{"radius": 3.0}' }],
  "extra-call": [triangle('{"base": 10, "height": 5}'), { name: "calculate_circle_area", arguments: '{"radius": 1.0}' }],
  "pair-swapped": [triangle('{"base": 3, "height": 4}'), triangle('{"base": 10, "height": 5}')],
  "pair-short": [triangle('{"base": 10, "height": 5}')],
  "pair-wrong-value": [triangle('{"base": 10, "height": 5}'), triangle('{"base": 3, "height": 7}')],
};

describe("runEvalSuite: calls cases through BFCL's checker, and the error taxonomy", () => {
  it("scores decision and arguments separately and files every error under its code and parameter", async () => {
    const model = answeringModel((prompt) => ({ toolCalls: argumentAnswers[prompt] ?? [] }));
    const run = await runEvalSuite({ cases: argumentCases, model, concurrency: 3, checkArguments: bfclArgumentChecker() });
    const byId = new Map(run.results.map((result) => [result.id, result]));
    const summary = (id: string) => {
      const result = byId.get(id);
      return [result?.status, result?.decision?.correct, result?.arguments?.errors.map((error) => [error.code, error.param ?? null])];
    };
    expect(summary("ok")).toEqual(["passed", true, []]);
    expect(summary("missing-required")).toEqual(["failed", true, [["missing_required", "height"]]]);
    expect(summary("unexpected-param")).toEqual(["failed", true, [["unexpected_param", "color"]]]);
    expect(summary("type-error")).toEqual(["failed", true, [["type_error", "base"]]]);
    expect(summary("float-for-int")).toEqual(["failed", true, [["type_error", "base"]]]);
    expect(summary("value-error")).toEqual(["failed", true, [["value_error", "base"]]]);
    expect(summary("wrong-function")).toEqual(["failed", false, [["wrong_function", null]]]);
    expect(summary("extra-call")).toEqual(["failed", false, [["extra_call", null]]]);
    expect(summary("pair-swapped")).toEqual(["passed", true, []]);
    expect(summary("pair-short")).toEqual(["failed", false, [["missing_call", null]]]);
    expect(summary("pair-wrong-value")).toEqual(["failed", true, [["value_error", "height"]]]);

    expect(byId.get("wrong-function")?.decision?.errors).toEqual([{ code: "wrong_function", expected: "calculate_triangle_area", actual: "calculate_circle_area" }]);
    expect(byId.get("extra-call")?.reasons).toEqual(["extra_call: calculate_circle_area was not expected"]);
    expect(byId.get("value-error")?.arguments?.errors[0]).toMatchObject({ function: "calculate_triangle_area", source: "value_error:others" });
    // The gate saw the same calls: the schema refuses a missing height and a string base before anything runs.
    expect(byId.get("missing-required")?.gate.rejected).toEqual({ validate: 1 });
    expect(byId.get("type-error")?.gate.rejected).toEqual({ validate: 1 });
    expect(byId.get("ok")?.gate).toMatchObject({ calls: 1, succeeded: 1 });
    // Only the first response is scored, so only one model call per case.
    expect(model.requests).toHaveLength(argumentCases.length);

    expect(run.summary.categories.simple).toMatchObject({ decision: { correct: 6, total: 8 }, arguments: { correct: 1, total: 8 } });
    expect(run.summary.categories.parallel).toMatchObject({ decision: { correct: 2, total: 3 }, arguments: { correct: 1, total: 3 } });
  });
});

describe("runEvalSuite: expected calls on catalog tools", () => {
  it("checks a real catalog tool's arguments against its JSON Schema in BFCL's dialect", async () => {
    const cases = parseCases(
      ["right", "extra"]
        .map((id) => `- id: ${id}
  tools: [find_customer]
  messages: [{ role: user, content: "${id}" }]
  expect: { calls: [{ find_customer: { email: ["maria.lopez@example.com"] } }] }
`)
        .join(""),
      { file: "lookup.yaml", format: "yaml" },
    );
    const model = answeringModel((prompt) => ({
      toolCalls: [{ name: "find_customer", arguments: prompt === "right" ? { email: "maria.lopez@example.com" } : { email: "maria.lopez@example.com", name: "Maria" } }],
    }));
    const run = await runEvalSuite({ cases, model, checkArguments: bfclArgumentChecker() });
    expect(run.results.map((result) => [result.id, result.status, result.arguments?.errors.map((error) => `${error.code}:${error.param}`)])).toEqual([
      ["right", "passed", []],
      ["extra", "failed", ["unexpected_param:name"]],
    ]);
    // The catalog tool really ran, on the case's own database.
    expect(run.results[0]?.gate).toMatchObject({ calls: 1, succeeded: 1 });
  });
});

describe("runEvalSuite: a team's own category names with several tools", () => {
  it("checks a right call to the second tool as right (BFCL's simple checker would compare it with the first tool only)", async () => {
    const cases = parseCases(
      `- id: circle-of-three
  category: geometry
  messages: [{ role: user, content: circle }]
  tools: [${area}, ${circle}]
  expect: { calls: [{ calculate_circle_area: { radius: [3.0] } }] }
- id: circle-wrong-value
  category: geometry
  messages: [{ role: user, content: wrong }]
  tools: [${area}, ${circle}]
  expect: { calls: [{ calculate_circle_area: { radius: [3.0] } }] }
`,
      { file: "geometry.yaml", format: "yaml" },
    );
    const model = answeringModel((prompt) => ({ toolCalls: [{ name: "calculate_circle_area", arguments: prompt === "circle" ? '{"radius": 3.0}' : '{"radius": 4.0}' }] }));
    const run = await runEvalSuite({ cases, model, checkArguments: bfclArgumentChecker() });
    expect(run.results.map((result) => [result.id, result.status, result.arguments?.errors.map((error) => [error.code, error.param ?? null])])).toEqual([
      ["circle-of-three", "passed", []],
      ["circle-wrong-value", "failed", [["value_error", "radius"]]],
    ]);
  });
});
