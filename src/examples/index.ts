// Public surface of the examples room: example tool catalogs to run, evaluate and fine-tune against (not route's catalogue of a deployment).
export {
  createCustomerServiceCatalog,
  snapshotState,
  openCustomerServiceDatabase,
  seedCustomerServiceDatabase,
  buildCustomerServiceSystemPrompt,
  companyName,
  refundCapCents,
} from "./customer-service/index.js";
export type {
  CustomerServiceCatalog,
  CustomerServiceCatalogOptions,
  CustomerServiceSnapshot,
  CustomerServiceDatabase,
} from "./customer-service/index.js";
