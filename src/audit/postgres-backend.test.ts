// The audit store contract against the real PostgreSQL server (one fresh schema per store, dropped afterwards), plus URL and connection handling.
import { describe, expect, it } from "vitest";
import { openAuditStore } from "./open-store.js";
import { postgresHarness, postgresTestUrl } from "./test-support/raw-sql.js";
import { contractSigner, describeAuditStoreContract } from "./test-support/store-contract.js";

describeAuditStoreContract(postgresHarness());

describe("postgres audit store", () => {
  it("keeps the password out of its URL", async () => {
    const harness = postgresHarness();
    const url = (await harness.freshUrl()).replace("postgres://postgres@", "postgres://postgres:not-needed@");
    const store = await openAuditStore(url, { signer: contractSigner });
    expect(store.url).not.toContain("not-needed");
    expect(store.url).not.toContain("postgres@");
    expect(store.url).toMatch(/schema=tg_audit_/);
    await store.close();
    await harness.cleanup();
  });

  it("fails to open an unreachable server with the fix named", async () => {
    await expect(openAuditStore(postgresTestUrl.replace("5432", "1"), { signer: contractSigner })).rejects.toThrow(/cannot open the audit store .* — check the server is up/);
  });
});
