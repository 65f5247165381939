// --router and --examples as `run`, `chat` and `eval run` share them: the router built, the examples file read and checked.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCustomerServiceCatalog } from "../catalog/index.js";
import { scriptedModel } from "../model/index.js";
import { createToolRegistry } from "../tool/index.js";
import { CliError } from "./cli-error.js";
import { main } from "./main.js";
import { loadExamplesFile, routerFor } from "./router-option.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const catalog = createCustomerServiceCatalog();
const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
const loopback = useLoopbackCli();
const { dirs } = loopback;
afterAll(() => {
  catalog.close();
});

const invoiceExamples = JSON.stringify({ get_account_summary: ["show me my latest invoice", "is my invoice paid yet"] });
const ask = (content: string) => ({ step: 0, messages: [{ role: "user" as const, content }], registry, signal: new AbortController().signal });

describe("routerFor", () => {
  it("hands --examples, resolved against cwd, to the router it builds", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "examples.json"), invoiceExamples);
    const plain = routerFor({ router: "bm25" }, scriptedModel([]), {}, cwd)!;
    const enriched = routerFor({ router: "bm25", examples: "examples.json" }, scriptedModel([]), {}, cwd)!;
    const names = async (router: typeof plain) => {
      const selection = await router(ask("I need a copy of my invoice"));
      return ("routing" in selection ? selection.tools : selection).tools.map((tool) => tool.name);
    };
    expect(await names(plain)).not.toContain("get_account_summary");
    expect(await names(enriched)).toContain("get_account_summary");
  });

  it("refuses --examples without a narrowing router, and a file of the wrong shape, naming the fix", () => {
    expect(() => routerFor({ examples: "examples.json" }, scriptedModel([]), {})).toThrow(CliError);
    expect(() => routerFor({ examples: "examples.json" }, scriptedModel([]), {})).toThrow("--examples needs a router that matches requests against tools: add --router bm25 (or embedding, two-stage, hybrid)");
    const cwd = dirs.make();
    writeFileSync(join(cwd, "bad.json"), JSON.stringify({ get_account_summary: "show me my invoice" }));
    expect(() => loadExamplesFile("bad.json", cwd)).toThrow(/^--examples bad\.json: examples for "get_account_summary" must be a list of request strings; got string\./);
  });
});

describe("--examples on toolgate run", () => {
  it("shows the model the tool its examples match", async () => {
    const cwd = dirs.make();
    const file = join(cwd, "examples.json");
    writeFileSync(file, invoiceExamples);
    const run = async (extra: string[]) => {
      loopback.server.script([{ text: "Here is your account." }]);
      const io = capturedIo({ cwd });
      const code = await main(["run", "I need a copy of my invoice", "--model", loopback.server.modelSpec, "--router", "bm25", "--no-audit", ...extra], io);
      expect(io.err()).toBe("");
      expect(code).toBe(0);
      return loopback.server.received.at(-1)!.body.tools?.map((tool) => tool.function.name) ?? [];
    };
    expect(await run([])).not.toContain("get_account_summary");
    expect(await run(["--examples", file])).toContain("get_account_summary");
  });
});
