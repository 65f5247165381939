// What the record says about a tool: its JSON Schema, the spec the model is shown, its risk and its declared effects.

/** A JSON Schema (2020-12 is the canonical dialect inside toolgate). */
export type JsonSchema = { [key: string]: unknown };

/** What the model is shown of a tool: a provider-safe name, a description and a JSON Schema for the arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

/** How much harm a call can do: reading, changing state, or acting with elevated rights. */
export type RiskLevel = "read" | "write" | "privileged";
export const riskLevels: readonly RiskLevel[] = ["read", "write", "privileged"];
