// Public surface of the customer-service example catalog.
export { createCustomerServiceCatalog } from "./catalog.js";
export type { CustomerServiceCatalog, CustomerServiceCatalogOptions } from "./catalog.js";
export { snapshotState } from "./snapshot.js";
export type { CustomerServiceSnapshot } from "./snapshot.js";
export { openCustomerServiceDatabase } from "./database.js";
export type { CustomerServiceDatabase } from "./database.js";
export { seedCustomerServiceDatabase } from "./seed.js";
export { buildCustomerServiceSystemPrompt, companyName } from "./system-prompt.js";
export { refundCapCents } from "./accounts.js";
