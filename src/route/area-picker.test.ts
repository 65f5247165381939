// The select_areas model call, reading its arguments, and the model-free picker.
import { describe, expect, it } from "vitest";
import { scriptedModel } from "../model/index.js";
import { testTools } from "../test-support/tools.js";
import { createAreaIndex } from "./area-index.js";
import { areaMenu, interpretAreaPick, meteredModelAreaPick, pickAreasByRetrieval, pickAreasWithModel, selectAreasName } from "./area-picker.js";
import { weighQuery } from "../rag/index.js";
import { tokenize } from "./tokenize.js";

const { registry } = testTools();
const query = { latest: "Send 10 euros to Bob", context: [] };

describe("pickAreasWithModel", () => {
  it("forces select_areas with an enum of area names and a menu, and returns the pick", async () => {
    const model = scriptedModel([{ toolCalls: [{ name: selectAreasName, arguments: '{"areas":["Banking"]}' }] }]);
    const pick = await pickAreasWithModel({ model, areas: registry.areas, tools: registry.tools, query, maxAreas: 2 });
    expect(pick).toEqual({ status: "picked", areas: ["banking"] });
    const request = model.requests[0]!;
    expect(request.toolChoice).toEqual({ tool: selectAreasName });
    expect(request.tools[0]!.inputSchema).toMatchObject({ properties: { areas: { items: { enum: ["weather", "banking", "misc"] }, maxItems: 2 } } });
    expect(request.messages[0]!.content).toContain("- banking: Money");
    expect(request.messages[0]!.content).toContain("- misc: tools such as explode");
    expect(request.messages[1]).toEqual({ role: "user", content: "Send 10 euros to Bob" });
  });

  it("is unsure when the model answers without the call, or fails", async () => {
    expect(await pickAreasWithModel({ model: scriptedModel(["banking"]), areas: registry.areas, tools: registry.tools, query, maxAreas: 1 })).toEqual({ status: "unsure", reason: "the model did not call select_areas" });
    const failing = scriptedModel([() => Promise.reject(new Error("503 upstream"))]);
    expect(await pickAreasWithModel({ model: failing, areas: registry.areas, tools: registry.tools, query, maxAreas: 1 })).toEqual({ status: "unsure", reason: "the area pick failed (503 upstream)", retryable: true });
  });

  it("meters the call: the model's usage and the call's wall time, and only the time when the call failed", async () => {
    const model = scriptedModel([{ toolCalls: [{ name: selectAreasName, arguments: '{"areas":["weather"]}' }], delayMs: 30 }, () => Promise.reject(new Error("503"))]);
    const answered = await meteredModelAreaPick({ model, areas: registry.areas, tools: registry.tools, query, maxAreas: 1 });
    expect(answered.pick).toEqual({ status: "picked", areas: ["weather"] });
    expect(answered.usage).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15 });
    expect(answered.latencyMs).toBeGreaterThanOrEqual(25);
    const failed = await meteredModelAreaPick({ model, areas: registry.areas, tools: registry.tools, query, maxAreas: 1 });
    expect(failed.pick).toMatchObject({ status: "unsure", retryable: true });
    expect(failed.usage).toBeUndefined();
    expect(failed.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("passes cancellation through instead of degrading", async () => {
    const controller = new AbortController();
    const model = scriptedModel([() => {
      controller.abort(new Error("stop"));
      return Promise.reject(new Error("aborted"));
    }]);
    await expect(pickAreasWithModel({ model, areas: registry.areas, tools: registry.tools, query, maxAreas: 1, signal: controller.signal })).rejects.toThrow("aborted");
  });
});

describe("interpretAreaPick", () => {
  const names = ["weather", "banking", "misc"];
  it("accepts known names, a single string, and ignores unknown names beside known ones", () => {
    expect(interpretAreaPick('{"areas":"weather"}', names, 2)).toEqual({ status: "picked", areas: ["weather"] });
    expect(interpretAreaPick('{"areas":["weather","crm","weather"]}', names, 2)).toEqual({ status: "picked", areas: ["weather"], note: 'ignored unknown areas "crm"' });
  });
  it("is unsure with no valid area, too many areas, or unreadable arguments", () => {
    expect(interpretAreaPick('{"areas":["crm"]}', names, 2)).toEqual({ status: "unsure", reason: 'the model picked no known area ("crm")' });
    expect(interpretAreaPick('{"areas":[]}', names, 2)).toEqual({ status: "unsure", reason: "the model picked no area" });
    expect(interpretAreaPick('{"areas":["weather","banking","misc"]}', names, 2)).toEqual({ status: "unsure", reason: "the model picked 3 areas, more than 2" });
    expect(interpretAreaPick("{areas", names, 2).status).toBe("unsure");
  });
});

describe("areaMenu and pickAreasByRetrieval", () => {
  it("picks areas lexically without a model", () => {
    const index = createAreaIndex(registry.areas, registry.tools);
    expect(pickAreasByRetrieval(index, weighQuery([{ terms: tokenize("weather forecast in Oslo"), weight: 1 }]), 2)).toEqual({ status: "picked", areas: ["weather"] });
    expect(pickAreasByRetrieval(index, weighQuery([{ terms: tokenize("zzz"), weight: 1 }]), 2).status).toBe("unsure");
    expect(areaMenu(registry.areas, registry.tools).split("\n")).toHaveLength(3);
  });
});

describe("pickAreasByRetrieval: the number of areas follows the request", () => {
  const areas = ["weather", "banking", "travel", "music"].map((name) => ({ name, description: "" }));
  const tool = (name: string, area: string, description: string) => ({ name, area, description, parameters: [] as string[] });
  const tools = [
    tool("forecast", "weather", "Weather forecast: rain, wind and temperature for a city"),
    tool("transfer", "banking", "Transfer money between bank accounts"),
    tool("balance", "banking", "Bank account balance"),
    tool("book_flight", "travel", "Book a flight to a city"),
    tool("play_song", "music", "Play a song"),
  ];
  const index = createAreaIndex(areas, tools);
  const terms = (text: string) => weighQuery([{ terms: tokenize(text), weight: 1 }]);

  it("picks one area when one answers the request, several when it spans them, never more than maxAreas", () => {
    expect(pickAreasByRetrieval(index, terms("what is the weather forecast, rain or wind"), 3, 0.5)).toEqual({ status: "picked", areas: ["weather"] });
    const spanning = pickAreasByRetrieval(index, terms("forecast rain in the city, then book a flight and transfer money"), 3, 0.5);
    expect(spanning.status === "picked" && [...spanning.areas].sort()).toEqual(["banking", "travel", "weather"]);
    const bounded = pickAreasByRetrieval(index, terms("forecast rain in the city, then book a flight and transfer money"), 2, 0.5);
    expect(bounded.status === "picked" && bounded.areas).toHaveLength(2);
    // Ratio 0 is the old behaviour: always maxAreas (of those sharing a word with the request).
    const fixed = pickAreasByRetrieval(index, terms("what is the weather forecast in the city"), 2, 0);
    expect(fixed).toEqual({ status: "picked", areas: ["weather", "travel"] });
  });
});
