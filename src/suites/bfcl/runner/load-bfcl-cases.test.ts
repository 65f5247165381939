// BFCL questions as cases, from the shared BFCL data: first turn, functions, expectations per category kind.
import { expect, it } from "vitest";
import { sharedPath, describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import { loadBfclCases } from "./load-bfcl-cases.js";

describeWithShared("loadBfclCases", () => {
  const dataDir = whenShared(["data", "bfcl"], () => sharedPath("data", "bfcl"), "");

  it("turns possible answers into expected calls and keeps BFCL's own values for the checker", () => {
    const { cases, sources } = loadBfclCases({ dataDir, categories: ["simple_python", "parallel"], limit: 3 });
    expect(cases.map((testCase) => testCase.id)).toEqual(["simple_python_0", "simple_python_1", "simple_python_2", "parallel_0", "parallel_1", "parallel_2"]);
    const first = cases[0];
    expect(first).toMatchObject({ category: "simple_python", language: "python", max_steps: 1 });
    expect(first?.messages).toEqual([{ role: "user", content: "Find the area of a triangle with a base of 10 units and height of 5 units." }]);
    expect(first?.expect.calls).toEqual([{ calculate_triangle_area: { base: [10], height: [5], unit: ["units", ""] } }]);
    expect(first?.tools[0]).toMatchObject({ name: "calculate_triangle_area", parameters: { type: "dict" } });
    expect([...sources.keys()]).toHaveLength(6);
  });

  it("expects no call for irrelevance, any call for live_relevance, and marks Java cases", () => {
    const { cases, sources } = loadBfclCases({ dataDir, categories: ["irrelevance", "live_relevance", "simple_java"], limit: 1 });
    expect(cases.map((testCase) => [testCase.id, testCase.expect])).toEqual([
      ["irrelevance_0", { no_call: true }],
      [expect.stringMatching(/^live_relevance_0/), { any_call: true }],
      ["simple_java_0", expect.objectContaining({ calls: expect.any(Array) })],
    ]);
    expect(cases[2]?.language).toBe("java");
    expect([...sources.keys()]).toEqual(["simple_java_0"]);
  });

  it("loads every single-turn AST category whole without a case it cannot run", () => {
    const { cases } = loadBfclCases({ dataDir, categories: ["simple_python", "multiple", "parallel", "parallel_multiple", "simple_java", "simple_javascript", "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple"] });
    expect(cases.length).toBe(400 + 200 + 200 + 200 + 100 + 50 + 258 + 1053 + 16 + 24);
  });
}, "data", "bfcl");
