// Public surface of the customer-service example catalog.
export { createCustomerServiceCatalog } from "./catalog.js";
export type { CustomerServiceCatalog } from "./catalog.js";
export { snapshotState } from "./snapshot.js";
