// Public surface of the examples room: example tool catalogs to run, evaluate and fine-tune against (not route's catalogue of a deployment).
export {
  createCustomerServiceCatalog,
  snapshotState,
} from "./customer-service/index.js";
export type {
  CustomerServiceCatalog,
} from "./customer-service/index.js";
