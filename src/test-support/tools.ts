// Small tools for gate and loop tests: a typed weather lookup, a counter with effects, and misbehaving tools.
import { z } from "zod";
import { defineTool } from "../tool/define-tool.js";
import { createToolRegistry } from "../tool/registry.js";

export function testTools() {
  const executed: Array<{ tool: string; args: unknown }> = [];
  const getWeather = defineTool({
    name: "get_weather",
    description: "Current weather for a city.",
    area: "weather",
    risk: "read",
    idempotent: true,
    input: z.object({ city: z.string().min(1), unit: z.enum(["c", "f"]).optional(), days: z.number().int().min(1).max(7).optional() }),
    execute: ({ city, unit }) => {
      executed.push({ tool: "get_weather", args: { city, unit } });
      return { city, temperature: 21, unit: unit ?? "c" };
    },
  });
  const transfer = defineTool({
    name: "bank.transfer",
    description: "Move money between accounts.",
    area: "banking",
    risk: "privileged",
    input: { type: "object", properties: { to: { type: "string" }, amount: { type: "integer", minimum: 1 } }, required: ["to", "amount"], additionalProperties: false },
    execute: (args: { to: string; amount: number }, context) => {
      executed.push({ tool: "bank.transfer", args });
      context.recordEffect({ kind: "money.transfer", target: args.to, detail: { amount: args.amount } });
      return { ok: true };
    },
  });
  const explode = defineTool({
    name: "explode",
    description: "Always throws.",
    area: "misc",
    risk: "read",
    input: z.object({}),
    execute: () => {
      executed.push({ tool: "explode", args: {} });
      throw new Error("kaboom");
    },
  });
  const registry = createToolRegistry({
    tools: [getWeather, transfer, explode],
    areas: [{ name: "weather", description: "Forecasts" }, { name: "banking", description: "Money" }],
  });
  return { registry, executed, getWeather, transfer, explode };
}
