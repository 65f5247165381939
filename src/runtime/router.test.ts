// The router setting made into the loop's selectTools: examples resolved against cwd, misuse refused with the setting's name.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCustomerServiceCatalog } from "../examples/index.js";
import { scriptedModel } from "../model/index.js";
import { createToolRegistry } from "../tool/index.js";
import { loadExamplesFile, routerFor } from "./router.js";
import { RuntimeConfigError } from "./runtime-error.js";

const catalog = createCustomerServiceCatalog();
const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
const cwd = mkdtempSync(join(tmpdir(), "toolgate-router-"));
afterAll(() => {
  catalog.close();
  rmSync(cwd, { recursive: true, force: true });
});

const invoiceExamples = JSON.stringify({ get_account_summary: ["show me my latest invoice", "is my invoice paid yet"] });
const ask = (content: string) => ({ step: 0, messages: [{ role: "user" as const, content }], registry, signal: new AbortController().signal });
const where = { env: {}, cwd };

describe("routerFor", () => {
  it("loads no router for the flat default", async () => {
    expect(await routerFor(undefined, scriptedModel([]), where)).toBeUndefined();
  });

  it("hands the examples file, resolved against cwd, to the router it builds", async () => {
    writeFileSync(join(cwd, "examples.json"), invoiceExamples);
    const plain = (await routerFor({ name: "bm25" }, scriptedModel([]), where))!;
    const enriched = (await routerFor({ name: "bm25", examples: "examples.json" }, scriptedModel([]), where))!;
    const names = async (router: typeof plain) => {
      const selection = await router(ask("I need a copy of my invoice"));
      return ("routing" in selection ? selection.tools : selection).tools.map((tool) => tool.name);
    };
    expect(await names(plain)).not.toContain("get_account_summary");
    expect(await names(enriched)).toContain("get_account_summary");
  });

  it("refuses examples with the flat router, an embedding router without a model, and a file of the wrong shape, naming the fix", async () => {
    await expect(routerFor({ name: "flat", examples: "examples.json" }, scriptedModel([]), where)).rejects.toThrow(RuntimeConfigError);
    await expect(routerFor({ name: "flat", examples: "examples.json" }, scriptedModel([]), where)).rejects.toThrow("router.examples needs a router that matches requests against tools: add router bm25");
    await expect(routerFor({ name: "embedding" }, scriptedModel([]), { ...where, label: (setting) => `--${setting}` })).rejects.toThrow(/^--router embedding needs an embedding model: pass --router.embeddingModel <spec>/);
    writeFileSync(join(cwd, "bad.json"), JSON.stringify({ get_account_summary: "show me my invoice" }));
    await expect(loadExamplesFile("bad.json", cwd)).rejects.toThrow(/^router\.examples bad\.json: examples for "get_account_summary" must be a list of request strings; got string\./);
  });
});
