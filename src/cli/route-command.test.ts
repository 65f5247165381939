// `toolgate route` through main(): the example catalogue, a --tools module, two-stage against a loopback model, --examples, and errors.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliRunOptions } from "./test-support/loopback-cli.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs } = loopback;
const routeCli = (args: string[], options: CliRunOptions = {}) => loopback.cli(["route", ...args], options);

interface RouteJson {
  query: string;
  catalogueSize: number;
  routing: { router: string; areas?: string[]; scores?: Record<string, number>; reason?: string };
  exposed: Array<{ name: string; area: string; score?: number; matched: Array<{ term: string; score: number }>; metaTool?: true }>;
}

describe("toolgate route", () => {
  it("shows what bm25 exposes from the example catalogue and why, without creating a database", async () => {
    const { code, out, err, cwd } = await routeCli(["Please refund the double charge", "--k", "2"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^router: bm25 — bm25 top 2 of 13$/m);
    expect(out).toMatch(/^tool\s+area\s+score\s+matched$/m);
    expect(out).toMatch(/^issue_refund\s+accounts\s+[\d.]+\s+refund [\d.]+, (charge|double) [\d.]+, (charge|double) [\d.]+$/m);
    expect(out).toMatch(/^2 of 13 tools exposed$/m);
    expect(existsSync(join(cwd, ".toolgate"))).toBe(false);
  });

  it("--json prints the decision only", async () => {
    const { code, out } = await routeCli(["cancel my appointment", "--k", "1", "--json"]);
    expect(code).toBe(0);
    const decision = JSON.parse(out) as RouteJson;
    expect(decision.query).toBe("cancel my appointment");
    expect(decision.catalogueSize).toBe(13);
    expect(decision.routing.router).toBe("bm25");
    expect(decision.exposed.map((row) => row.name)).toEqual(["cancel_appointment"]);
    expect(decision.exposed[0]!.score).toBe(decision.routing.scores!.cancel_appointment);
    expect(decision.exposed[0]!.matched.map((part) => part.term)).toEqual(expect.arrayContaining(["cancel", "appointment"]));
  });

  it("two-stage asks the --model to pick areas with a forced select_areas call, and shows the areas", async () => {
    loopback.server.script([{ toolCalls: [{ name: "select_areas", arguments: { areas: ["email"] } }] }]);
    const { code, out, err } = await routeCli(["Email all premier customers about new opening hours", "--router", "two-stage", "--max-areas", "2", "--model", loopback.server.modelSpec]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^router: two-stage — areas email \(3 tools\)$/m);
    // Who picked and what it cost: the loopback model answers with 25 tokens.
    expect(out).toMatch(/^area pick: email — picked by the model openai-compatible:\S+#test-model \(\d+ ms, 25 tokens\)$/m);
    expect(out).toMatch(/^send_bulk_email\s+email\s+[\d.]+\s+\S/m);
    expect(out).toMatch(/^search_tools\s+routing\s+-\s+\(meta-tool: searches the whole catalogue\)$/m);
    expect(out).toMatch(/^3 of 13 tools exposed \(\+ search_tools\)$/m);
    const request = loopback.server.received[0]!.body as { tools?: Array<{ function: { name: string; parameters: { properties: { areas: { items: { enum: string[] } } } } } }>; tool_choice?: unknown };
    expect(request.tools![0]!.function.name).toBe("select_areas");
    expect(request.tools![0]!.function.parameters.properties.areas.items.enum).toEqual(["appointments", "accounts", "email"]);
    expect(request.tool_choice).toEqual({ type: "function", function: { name: "select_areas" } });
  });

  it("says plainly when two-stage fell back or hybrid had no area pick, and what the pick cost; --json carries the cost", async () => {
    loopback.server.script([{ toolCalls: [{ name: "select_areas", arguments: { areas: ["billing"] } }] }]);
    const fellBack = await routeCli(["Refund the double charge", "--router", "two-stage", "--k", "2", "--max-areas", "2", "--model", loopback.server.modelSpec]);
    expect(fellBack.code).toBe(0);
    expect(fellBack.out).toMatch(/^router: two-stage — the model picked no known area \("billing"\): fell back to bm25 top 2$/m);
    expect(fellBack.out).toMatch(/^area pick: none used — fell back to bm25 retrieval; the pick by the model openai-compatible:\S+ cost \d+ ms, 25 tokens$/m);

    loopback.server.script([{ text: "no idea" }]);
    const hybrid = await routeCli(["Refund the double charge", "--router", "hybrid", "--k", "1", "--max-areas", "2", "--model", loopback.server.modelSpec, "--json"]);
    const decision = JSON.parse(hybrid.out) as RouteJson & { routing: { usage?: { totalTokens: number }; latencyMs?: number } };
    expect(decision.routing.reason).toBe("no area pick (the model did not call select_areas) ∪ bm25 top 1");
    expect(decision.routing.usage?.totalTokens).toBe(25);
    expect(decision.routing.latencyMs).toBeGreaterThanOrEqual(0);

    const lexical = await routeCli(["Email every premier customer", "--router", "two-stage", "--picker", "bm25", "--max-areas", "1"]);
    expect(lexical.out).toMatch(/^area pick: email — picked by bm25 over the area descriptions \(no model call\)$/m);
    const every = await routeCli(["Email every premier customer", "--router", "hybrid", "--picker", "bm25", "--max-areas", "3"]);
    expect(every.out).toMatch(/^area pick: appointments, accounts, email — all of them: 3 area\(s\) fit in one pick, so none was asked for \(no model call\)$/m);
    const ratioed = await routeCli(["Email every premier customer", "--router", "two-stage", "--picker", "bm25", "--max-areas", "2", "--area-score-ratio", "0", "--json"]);
    expect((JSON.parse(ratioed.out) as { routing: { areas: string[] } }).routing.areas).toHaveLength(2);
    const badRatio = await routeCli(["Email every premier customer", "--router", "two-stage", "--picker", "bm25", "--area-score-ratio", "2"]);
    expect(badRatio.err).toMatch(/--area-score-ratio must be a number from 0 to 1, got "2"/);
    const flat = await routeCli(["Email every premier customer", "--router", "bm25"]);
    expect(flat.out).not.toMatch(/^area pick:/m);
  });

  it("--examples feeds the router and the explanation, and names examples for tools the catalogue lacks", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "examples.json"), JSON.stringify({ get_account_summary: ["show me my invoice", "is my invoice paid"], export_invoices: ["all invoices as csv"] }));
    const { code, out, err } = await routeCli(["a copy of my invoice please", "--k", "1", "--examples", "examples.json"], { cwd });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^examples: 3 for 2 tools from examples\.json; 1 names no tool in this catalogue \(export_invoices\)$/m);
    expect(out).toMatch(/^get_account_summary\s+accounts\s+[\d.]+\s+invoice [\d.]+$/m);
    const json = JSON.parse((await routeCli(["a copy of my invoice please", "--k", "1", "--examples", "examples.json", "--json"], { cwd })).out) as RouteJson & { examples: unknown };
    expect(json.examples).toEqual({ file: "examples.json", tools: 2, examples: 3, unknownTools: ["export_invoices"] });
    expect(json.exposed.map((row) => row.name)).toEqual(["get_account_summary"]);
  });

  it("reports a missing, malformed or unusable --examples file as one usage line with the fix", async () => {
    const cwd = dirs.make();
    const missing = await routeCli(["hi", "--examples", "nope.json"], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("toolgate: --examples nope.json: cannot read it (ENOENT); write one with toolgate route enrich --from <cases file> --out nope.json\n");
    writeFileSync(join(cwd, "list.json"), '["refund me"]');
    const shape = await routeCli(["hi", "--examples", "list.json"], { cwd });
    expect(shape.code).toBe(2);
    expect(shape.err).toMatch(/^toolgate: --examples list\.json: examples must be a JSON object mapping each tool name to a list of example requests, e\.g\. .*; got a list\n$/);
    writeFileSync(join(cwd, "broken.json"), "{");
    expect((await routeCli(["hi", "--examples", "broken.json"], { cwd })).err).toMatch(/^toolgate: --examples broken\.json: not valid JSON \(.*\); write it with toolgate route enrich/);
    const flat = await routeCli(["hi", "--router", "flat", "--examples", "list.json"], { cwd });
    expect(flat.code).toBe(2);
    expect(flat.err).toBe("toolgate: --examples needs a router that matches requests against tools: add --router bm25 (or embedding, two-stage, hybrid)\n");
  });

  it("routes over a --tools module's own catalogue", async () => {
    const cwd = dirs.make();
    writeFileSync(
      join(cwd, "tools.mjs"),
      [
        "const input = { type: 'object', properties: { city: { type: 'string', description: 'City name' } } };",
        "export const tools = [",
        "  { name: 'get_weather', description: 'Current weather for a city.', area: 'weather', risk: 'read', input, execute: () => null },",
        "  { name: 'book_flight', description: 'Book a flight to a city.', area: 'travel', risk: 'write', input, execute: () => null },",
        "];",
      ].join("\n"),
    );
    const { code, out } = await routeCli(["is it raining in Oslo? weather please", "--tools", "tools.mjs", "--json"], { cwd });
    expect(code).toBe(0);
    const decision = JSON.parse(out) as RouteJson;
    expect(decision.catalogueSize).toBe(2);
    expect(decision.exposed.map((row) => row.name)).toEqual(["get_weather"]);
  });

  it("reports bad invocations as one usage line with the fix", async () => {
    const noEmbedding = await routeCli(["hello", "--router", "embedding"]);
    expect(noEmbedding.code).toBe(2);
    expect(noEmbedding.err).toBe("toolgate: --router embedding needs an embedding model: pass --embedding-model <spec> (openai:<model> | openai-compatible:<baseURL>#<model> | ollama:<model> | llama:<path.gguf>) or set TOOLGATE_EMBEDDING_MODEL\n");
    const badEmbedding = await routeCli(["hello", "--router", "embedding", "--embedding-model", "llama:default"]);
    expect(badEmbedding.code).toBe(2);
    expect(badEmbedding.err).toMatch(/^toolgate: embedding model llama:default: llama:default is the chat model; name a GGUF file, llama:<path.gguf>/);
    const badK = await routeCli(["hello", "--k", "0"]);
    expect(badK.code).toBe(2);
    expect(badK.err).toMatch(/--k takes a whole number of at least 1/);
    const badRouter = await routeCli(["hello", "--router", "semantic"]);
    expect(badRouter.code).toBe(2);
    expect(badRouter.err).toMatch(/Allowed choices are flat, bm25, embedding, two-stage, hybrid/);
  });
});
