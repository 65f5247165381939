// Compares a registry with its pin file: which tools are as approved, changed, new or gone.
import type { ToolRegistry } from "../../tool/index.js";
import type { PinFile } from "./pin-file.js";
import { describeDefinitionChange, pinnedDefinitionOf } from "./pin-file.js";

export interface PinCheck {
  tool: string;
  status: "pinned" | "changed" | "unpinned" | "removed";
  /** For `changed`: what differs from the approved definition. */
  changes: string[];
}

export function verifyPins(registry: Pick<ToolRegistry, "tools">, pins: PinFile): PinCheck[] {
  const checks: PinCheck[] = registry.tools.map((tool) => {
    const pin = pins.tools[tool.name];
    if (!pin) return { tool: tool.name, status: "unpinned", changes: [] };
    if (pin.digest === tool.digest) return { tool: tool.name, status: "pinned", changes: [] };
    const changes = describeDefinitionChange(pin.definition, pinnedDefinitionOf(tool));
    return { tool: tool.name, status: "changed", changes: changes.length > 0 ? changes : ["digest differs"] };
  });
  const present = new Set(registry.tools.map((tool) => tool.name));
  for (const name of Object.keys(pins.tools)) if (!present.has(name)) checks.push({ tool: name, status: "removed", changes: [] });
  return checks;
}
