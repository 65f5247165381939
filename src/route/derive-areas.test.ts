// Deterministic area derivation for catalogues without areas.
import { describe, expect, it } from "vitest";
import { deriveAreas } from "./derive-areas.js";

const tools = [
  { name: "get_weather", description: "Current weather and temperature for a city." },
  { name: "weather_forecast", description: "Weather forecast for the next days in a city." },
  { name: "rain_alerts", description: "Rain and storm weather alerts for a city." },
  { name: "send_invoice", description: "Send an invoice to a customer for payment." },
  { name: "refund_payment", description: "Refund a customer payment on an invoice." },
  { name: "list_invoices", description: "List a customer's invoices and payment status." },
];

describe("deriveAreas", () => {
  it("groups tools about the same thing, names and describes each area, and assigns every tool", () => {
    const { areas, assignment } = deriveAreas(tools, { count: 2 });
    expect(areas).toHaveLength(2);
    expect(new Set(["get_weather", "weather_forecast", "rain_alerts"].map((name) => assignment[name])).size).toBe(1);
    expect(new Set(["send_invoice", "refund_payment", "list_invoices"].map((name) => assignment[name])).size).toBe(1);
    expect(assignment.get_weather).not.toBe(assignment.send_invoice);
    const weather = areas.find((area) => area.name === assignment.get_weather)!;
    expect(weather.name).toMatch(/weather|city/);
    expect(weather.description).toMatch(/^Tools about .*; e\.g\. /);
  });

  it("is deterministic and handles tiny catalogues", () => {
    expect(deriveAreas(tools)).toEqual(deriveAreas(tools));
    expect(deriveAreas([])).toEqual({ areas: [], assignment: {} });
    expect(deriveAreas(tools.slice(0, 1)).areas).toHaveLength(1);
  });
});
