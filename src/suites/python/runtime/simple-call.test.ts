// The fast call reader gives exactly the full parser's nodes, or declines and leaves the text to it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../../test-support/shared-data.js";
import { parsePythonExpression } from "../parser.js";
import { parseSimpleCall } from "./simple-call.js";

const read = [
  "cd(folder='document')",
  "mv(source='final_report.pdf', destination='temp')",
  "sort('final_report.pdf')",
  "x.y.lockDoors(unlock=False, door=['driver', 'passenger'], n=None)",
  "fillFuelTank(fuelAmount=30.0)",
  "f( a = [ 1 , 'x' , ] , )",
  "f(x=-0.0, y=-12, z=123456789012345678901234567890)",
  "f(x='é \"quoted\"', y=\"it's\")",
  "f(x=Truex, y=name_1)",
  "f()",
];

const declined = [
  "f(x=1, x=2)", // keyword argument repeated
  "f(x=1, 2)", // positional after keyword
  "f(01)", // leading zeros
  "f(1e5)",
  "f(1.)",
  "f(x=.5)",
  "f(x=00.5)",
  "f(x=1_000)",
  "f(r'x')",
  "f('a' 'b')",
  "f('''a''')",
  "f(from='x')", // a keyword as a name
  "True(1)",
  "f(x=[1, [2]])",
  "f(x==1)",
  "f(x=1)(2)",
  "f(x=g(1))",
  "f(x=-y)",
  "f('\\n')",
  "f('a\u0000b')",
  "f\t(1)",
  "f(x=1)\n",
  "f(x=1",
  "f(x='a)",
  "fé(1)",
];

describe("parseSimpleCall", () => {
  it("reads the simple shapes into the full parser's nodes", () => {
    for (const text of read) expect(parseSimpleCall(text), text).toEqual(parsePythonExpression(text));
  });
  it("declines everything else, valid or not", () => {
    for (const text of declined) expect(parseSimpleCall(text), text).toBeUndefined();
  });
});

describeWithShared("parseSimpleCall on BFCL's multi-turn ground truth", () => {
  it("agrees with the full parser on every call it reads, and reads most of them", () => {
    const calls = new Set<string>();
    for (const category of ["base", "miss_func", "miss_param", "long_context"]) {
      const file = sharedPath("data", "bfcl", "possible_answer", `BFCL_v4_multi_turn_${category}.json`);
      for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
        for (const turn of (JSON.parse(line) as { ground_truth: string[][] }).ground_truth) for (const call of turn) calls.add(call);
      }
    }
    let fast = 0;
    for (const call of calls) {
      const simple = parseSimpleCall(call);
      if (simple === undefined) continue;
      fast++;
      expect(simple, call).toEqual(parsePythonExpression(call));
    }
    expect(fast / calls.size).toBeGreaterThan(0.9);
  });
});
