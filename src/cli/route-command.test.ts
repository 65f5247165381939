// `toolgate route` through main(): the example catalogue, a --tools module, two-stage against a loopback model, and errors.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import type { OpenAiLoopback } from "./test-support/openai-loopback.js";
import { startOpenAiLoopback } from "./test-support/openai-loopback.js";
import { tempDirs } from "./test-support/temp-dir.js";

let server: OpenAiLoopback;
const dirs = tempDirs();
beforeAll(async () => {
  server = await startOpenAiLoopback();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.received.length = 0;
  dirs.removeAll();
});

async function routeCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const io = capturedIo({ cwd: options.cwd ?? dirs.make(), env: options.env });
  const code = await main(["route", ...args], io);
  return { code, out: io.out(), err: io.err(), cwd: io.cwd as string };
}

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
    server.script([{ toolCalls: [{ name: "select_areas", arguments: { areas: ["email"] } }] }]);
    const { code, out, err } = await routeCli(["Email all premier customers about new opening hours", "--router", "two-stage", "--model", server.modelSpec]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/^router: two-stage — areas email \(3 tools\)$/m);
    expect(out).toMatch(/^areas: email$/m);
    expect(out).toMatch(/^send_bulk_email\s+email\s+[\d.]+\s+\S/m);
    expect(out).toMatch(/^search_tools\s+routing\s+-\s+\(meta-tool: searches the whole catalogue\)$/m);
    expect(out).toMatch(/^3 of 13 tools exposed \(\+ search_tools\)$/m);
    const request = server.received[0]!.body as { tools?: Array<{ function: { name: string; parameters: { properties: { areas: { items: { enum: string[] } } } } } }>; tool_choice?: unknown };
    expect(request.tools![0]!.function.name).toBe("select_areas");
    expect(request.tools![0]!.function.parameters.properties.areas.items.enum).toEqual(["appointments", "accounts", "email"]);
    expect(request.tool_choice).toEqual({ type: "function", function: { name: "select_areas" } });
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
    expect(noEmbedding.err).toBe("toolgate: --router embedding needs an embedding model: pass --embedding-model <spec> (openai:<model> | openai-compatible:<baseURL>#<model> | ollama:<model>) or set TOOLGATE_EMBEDDING_MODEL\n");
    const badEmbedding = await routeCli(["hello", "--router", "embedding", "--embedding-model", "llama:default"]);
    expect(badEmbedding.code).toBe(2);
    expect(badEmbedding.err).toMatch(/^toolgate: embedding model llama:default: llama serves no embedding models here; use one of /);
    const badK = await routeCli(["hello", "--k", "0"]);
    expect(badK.code).toBe(2);
    expect(badK.err).toMatch(/--k takes a whole number of at least 1/);
    const badRouter = await routeCli(["hello", "--router", "semantic"]);
    expect(badRouter.code).toBe(2);
    expect(badRouter.err).toMatch(/Allowed choices are flat, bm25, embedding, two-stage, hybrid/);
  });
});
