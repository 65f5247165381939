// Creating the simulated APIs by their BFCL class names.
import { describe, expect, it } from "vitest";
import { ReferenceRuntime } from "../reference-runtime.js";
import { SIMULATED_API_CLASSES, STATELESS_CLASSES, UnknownApiClassError, createApi } from "./create-api.js";

describe("createApi", () => {
  it("creates every class the multi-turn data names, each with its documented methods", () => {
    const runtime = new ReferenceRuntime();
    const counts = Object.fromEntries(SIMULATED_API_CLASSES.map((name) => [name, createApi(name, runtime).methodNames().length]));
    // The function docs list these many; TradingBot also has the undocumented public update_market_status.
    expect(counts).toEqual({ GorillaFileSystem: 18, MathAPI: 17, MessageAPI: 10, TwitterAPI: 14, TicketAPI: 9, TradingBot: 21, TravelAPI: 18, VehicleControlAPI: 22 });
    expect(STATELESS_CLASSES.has("MathAPI")).toBe(true);
  });

  it("names the valid classes when given an unknown one", () => {
    expect(() => createApi("WeatherAPI", new ReferenceRuntime())).toThrow(UnknownApiClassError);
    expect(() => createApi("WeatherAPI", new ReferenceRuntime())).toThrow(/may only name GorillaFileSystem/);
  });
});
