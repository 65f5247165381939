// The audit store contract against the real PostgreSQL server (one fresh schema per store, dropped afterwards), plus URL and connection handling.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openAuditStore } from "./open-store.js";
import { sampleInputs } from "./test-support/memory-chain.js";
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

  it("commits with the server's synchronous_commit by default and without waiting for its disk for durability process-crash", async () => {
    const harness = postgresHarness();
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    try {
      for (const durability of [undefined, "process-crash"] as const) {
        const url = await harness.freshUrl();
        const schema = new URL(url).searchParams.get("schema")!;
        const store = await openAuditStore(url, { signer: contractSigner, ...(durability ? { durability } : {}) });
        // A trigger notes the setting each inserting transaction ran with.
        await admin.query(`CREATE TABLE "${schema}".probe (setting TEXT);
          CREATE FUNCTION "${schema}".note_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "${schema}".probe VALUES (current_setting('synchronous_commit')); RETURN NEW; END $$;
          CREATE TRIGGER note_sync AFTER INSERT ON "${schema}".toolgate_audit_events FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".note_sync();`);
        await store.append(sampleInputs(3));
        const settings = (await admin.query(`SELECT DISTINCT setting FROM "${schema}".probe`)).rows.map((row: { setting: string }) => row.setting);
        expect(settings).toEqual([durability === "process-crash" ? "off" : "on"]);
        expect((await store.verify()).ok).toBe(true);
        await store.close();
      }
    } finally {
      await admin.end();
      await harness.cleanup();
    }
  });

  it("fails to open an unreachable server with the fix named", async () => {
    await expect(openAuditStore(postgresTestUrl.replace("5432", "1"), { signer: contractSigner })).rejects.toThrow(/cannot open the audit store .* — check the server is up/);
  });
});
