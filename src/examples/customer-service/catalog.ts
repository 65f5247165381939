// createCustomerServiceCatalog: the example domain assembled — database, seed, areas, tools and system prompt.
import type { CapabilityArea, ToolDefinition } from "../../tool/index.js";
import { accountsArea, createAccountTools } from "./accounts.js";
import { appointmentsArea, createAppointmentTools } from "./appointments.js";
import type { CustomerServiceDatabase } from "./database.js";
import { openCustomerServiceDatabase } from "./database.js";
import { createEmailTools, emailArea } from "./email.js";
import { seedCustomerServiceDatabase } from "./seed.js";
import { buildCustomerServiceSystemPrompt } from "./system-prompt.js";

export interface CustomerServiceCatalogOptions {
  /** SQLite file to keep state in (WAL mode); defaults to ':memory:'. An existing file keeps its state. */
  databasePath?: string;
  /** Defaults to the wall clock; inject a fixed one for deterministic seeds, tests and replays. */
  clock?: () => Date;
}

export interface CustomerServiceCatalog {
  areas: CapabilityArea[];
  tools: ToolDefinition[];
  systemPrompt: string;
  database: CustomerServiceDatabase;
  close(): void;
}

export function createCustomerServiceCatalog(options: CustomerServiceCatalogOptions = {}): CustomerServiceCatalog {
  const clock = options.clock ?? (() => new Date());
  const database = openCustomerServiceDatabase(options.databasePath ?? ":memory:");
  try {
    seedCustomerServiceDatabase(database, clock());
  } catch (error) {
    database.close();
    throw error;
  }
  const dependencies = { database, clock };
  return {
    areas: [appointmentsArea, accountsArea, emailArea].map((area) => ({ ...area })),
    tools: [...createAppointmentTools(dependencies), ...createAccountTools(dependencies), ...createEmailTools(dependencies)],
    systemPrompt: buildCustomerServiceSystemPrompt(clock()),
    database,
    close() {
      if (database.open) database.close();
    },
  };
}
