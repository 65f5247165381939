// The simulated APIs' function docs from BFCL's data: one file per class, every documented function one the API has.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { sharedPath, describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import { BfclDataError } from "../checker/index.js";
import { createApi, ReferenceRuntime, SIMULATED_API_CLASSES } from "../checker/multi-turn/index.js";
import { multiTurnFunctionDocFiles } from "../checker/index.js";
import { functionDocsFor, loadMultiTurnFunctionDocs } from "./multi-turn-function-docs.js";

describeWithShared("loadMultiTurnFunctionDocs", () => {
  const docs = whenShared(["data", "bfcl"], () => loadMultiTurnFunctionDocs(sharedPath("data", "bfcl")), undefined as unknown as ReturnType<typeof loadMultiTurnFunctionDocs>);

  it("documents only public methods of the eight simulated APIs, so every function shown can run", () => {
    expect([...docs.keys()].sort()).toEqual([...SIMULATED_API_CLASSES].sort());
    const undocumented: string[] = [];
    for (const className of SIMULATED_API_CLASSES) {
      const documented = new Set((docs.get(className) ?? []).map((doc) => doc.name));
      const methods = createApi(className, new ReferenceRuntime()).methodNames();
      expect(methods.filter((name) => documented.has(name)), className).toEqual([...documented].sort());
      undocumented.push(...methods.filter((name) => !documented.has(name)).map((name) => `${className}.${name}`));
    }
    // BFCL's own docs leave this one out, so no model is ever shown it.
    expect(undocumented).toEqual(["TradingBot.update_market_status"]);
    const cd = docs.get("GorillaFileSystem")?.find((doc) => doc.name === "cd");
    expect(cd?.parameters).toMatchObject({ type: "dict", properties: { folder: { type: "string" } }, required: ["folder"] });
  });

  it("picks an entry's classes in involved_classes order and names what is wrong", () => {
    const picked = functionDocsFor(docs, ["MathAPI", "TicketAPI"], "multi_turn_base_1");
    expect(picked[0]?.name).toBe("absolute_value");
    expect(picked.at(-1)?.description).toContain("ticket");
    expect(() => functionDocsFor(docs, ["WebSearchAPI"], "multi_turn_base_1")).toThrow(/multi_turn_base_1 involves WebSearchAPI, which has no function docs; involved_classes may only name GorillaFileSystem/);
  });

  it("refuses a data directory without multi_turn_func_doc/ or with a broken doc line", () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-docs-"));
    try {
      expect(() => loadMultiTurnFunctionDocs(dir)).toThrow(BfclDataError);
      expect(() => loadMultiTurnFunctionDocs(dir)).toThrow(/multi_turn_func_doc.*is missing: --data must point at BFCL's data directory/);
      mkdirSync(join(dir, "multi_turn_func_doc"));
      for (const file of Object.values(multiTurnFunctionDocFiles)) writeFileSync(join(dir, "multi_turn_func_doc", file), '{"name": "f", "description": "d"}\n');
      writeFileSync(join(dir, "multi_turn_func_doc", "math_api.json"), '{"name": "f"}\n{"name": \n');
      expect(() => loadMultiTurnFunctionDocs(dir)).toThrow(/math_api\.json line 2 is not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}, "data", "bfcl");
