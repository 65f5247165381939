// A stateful tool environment for effect checks: the example catalog on its own SQLite file, with a fixed clock.
import type { CustomerServiceCatalog } from "../../examples/index.js";
import { createCustomerServiceCatalog, snapshotState } from "../../examples/index.js";
import type { JsonValue } from "../../record/index.js";
import type { CapabilityArea, ToolDefinition } from "../../tool/index.js";

export interface StateEnvironment {
  tools: ToolDefinition[];
  areas: CapabilityArea[];
  systemPrompt: string;
  /** The environment's whole state as plain JSON, for comparing two runs field by field. */
  snapshot(): JsonValue;
  close(): void;
}

export interface OpenEnvironmentOptions {
  catalog: "customer-service";
  /** A fresh file per environment: the model's side and the ground truth's side never share state. */
  databasePath: string;
  /** Both sides read the same instant, so seeded slots and every timestamp a call writes agree. */
  clock: Date;
}

export function openStateEnvironment(options: OpenEnvironmentOptions): StateEnvironment {
  const instant = options.clock.getTime();
  const catalog: CustomerServiceCatalog = createCustomerServiceCatalog({ databasePath: options.databasePath, clock: () => new Date(instant) });
  return {
    tools: catalog.tools,
    areas: catalog.areas,
    systemPrompt: catalog.systemPrompt,
    snapshot: () => snapshotState(catalog.database) as unknown as JsonValue,
    close: () => catalog.close(),
  };
}
