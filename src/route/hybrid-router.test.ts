// The hybrid router: union of area pick and retrieval under one cap.
import { afterAll, describe, expect, it } from "vitest";
import { createCustomerServiceCatalog } from "../examples/index.js";
import { scriptedModel } from "../model/index.js";
import { createToolRegistry } from "../tool/index.js";
import { selectAreasName } from "./area-picker.js";
import { createHybridRouter } from "./hybrid-router.js";
import { searchToolsName } from "./search-tools-tool.js";
import type { SelectToolsContext } from "./types.js";

const catalog = createCustomerServiceCatalog();
afterAll(() => catalog.close());
const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
const ask = (text: string): SelectToolsContext => ({ step: 0, messages: [{ role: "user", content: text }], registry, signal: new AbortController().signal });
const pickAreas = (...areas: string[]) => ({ toolCalls: [{ name: selectAreasName, arguments: JSON.stringify({ areas }) }] });

describe("createHybridRouter", () => {
  it("exposes the union of the picked area and retrieval's hits, in registry order", async () => {
    const model = scriptedModel([pickAreas("email")]);
    const { tools, routing } = await createHybridRouter({ k: 1, searchTool: false, maxAreas: 2 }, { model })(ask("Refund the double charge"));
    expect(tools.tools.map((tool) => tool.name)).toEqual(["issue_refund", "send_email", "list_outbox", "send_bulk_email"]);
    expect(routing).toMatchObject({ router: "hybrid", areas: ["email"], reason: "areas email (3 tools) ∪ bm25 top 1" });
    expect(routing.usage).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15 });
    expect(routing.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("caps the union, dropping the weakest evidence first", async () => {
    const model = scriptedModel([pickAreas("appointments")]);
    const { tools, routing } = await createHybridRouter({ k: 2, maxTools: 3, maxAreas: 2 }, { model })(ask("Cancel the appointment and issue a refund"));
    const exposed = tools.tools.map((tool) => tool.name);
    expect(exposed).toHaveLength(4);
    expect(exposed.at(-1)).toBe(searchToolsName);
    expect(exposed).toEqual(expect.arrayContaining(["cancel_appointment", "issue_refund"]));
    expect(routing.reason).toMatch(/capped at 3 tools \(\d+ left out\)$/);
  });

  it("keeps retrieval's part when the area pick is unsure", async () => {
    const model = scriptedModel([pickAreas("nowhere")]);
    const { tools, routing } = await createHybridRouter({ k: 1, searchTool: false, maxAreas: 2 }, { model })(ask("Refund the double charge"));
    expect(tools.tools.map((tool) => tool.name)).toEqual(["issue_refund"]);
    expect(routing.areas).toBeUndefined();
    expect(routing.reason).toBe('no area pick (the model picked no known area ("nowhere")) ∪ bm25 top 1');
    expect(routing.usage?.totalTokens).toBe(15);
  });
});
