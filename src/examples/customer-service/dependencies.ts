// What every customer-service tool is built from: the database it changes and the clock it reads.
import type { CustomerServiceDatabase } from "./database.js";

export interface CustomerServiceDependencies {
  database: CustomerServiceDatabase;
  /** Injected so bookings, "upcoming" and timestamps are reproducible in tests and replays. */
  clock: () => Date;
}
