// The client's own `tools` as a tool registry the gate resolves and validates against; the client runs them, never the gateway.
import type { JsonSchema, RiskLevel } from "../record/index.js";
import { createToolRegistry } from "../tool/index.js";
import type { ToolDefinition, ToolRegistry } from "../tool/index.js";
import { GatewayError } from "./openai-error.js";

/** What config says about client tools by name: their risk (default `write`) and whether their results are untrusted. */
export interface ClientToolSettings {
  risk?: Record<string, RiskLevel>;
  untrusted?: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function clientToolRegistry(tools: unknown, settings: ClientToolSettings = {}): ToolRegistry {
  if (tools === undefined) return createToolRegistry({ tools: [] });
  if (!Array.isArray(tools)) throw new GatewayError(400, "invalid_request_error", "invalid_tools", "tools must be an array of {type: \"function\", function: {...}}", "tools");
  const definitions: ToolDefinition[] = tools.map((entry: unknown, index) => {
    const where = `tools[${index}]`;
    if (!isObject(entry) || entry.type !== "function" || !isObject(entry.function)) {
      throw new GatewayError(400, "invalid_request_error", "invalid_tools", `${where} must be {type: "function", function: {name, parameters}}`, where);
    }
    const fn = entry.function;
    if (typeof fn.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(fn.name)) {
      throw new GatewayError(400, "invalid_request_error", "invalid_tools", `${where}.function.name must match ^[a-zA-Z0-9_-]{1,64}$`, `${where}.function.name`);
    }
    const parameters = fn.parameters ?? { type: "object", properties: {} };
    if (!isObject(parameters)) throw new GatewayError(400, "invalid_request_error", "invalid_tools", `${where}.function.parameters must be a JSON Schema object`, `${where}.function.parameters`);
    return {
      name: fn.name,
      description: typeof fn.description === "string" ? fn.description : "",
      area: "client",
      risk: settings.risk?.[fn.name] ?? "write",
      input: parameters as JsonSchema,
      trust: settings.untrusted?.includes(fn.name) === true ? "untrusted" : "trusted",
      execute: () => {
        throw new Error("client tools run in the client, not in the gateway");
      },
    };
  });
  try {
    // Schemas compile at registration, so a broken one is the client's 400 rather than a failed call later.
    return createToolRegistry({ tools: definitions });
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw new GatewayError(400, "invalid_request_error", "invalid_tools", `invalid client tool schema: ${(error as Error).message}`, "tools");
  }
}
