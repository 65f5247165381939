// Opening approval stores by URL: the default file under the data directory, and failures that name the fix.
import { describe, expect, it } from "vitest";
import { createAuditSigner } from "../../audit/index.js";
import { defaultApprovalStoreUrl, openApprovalStore } from "./open-approval-store.js";

const signer = createAuditSigner({ hmacSecret: "open-approval-store-secret-0123" });

describe("openApprovalStore", () => {
  it("puts the default store beside the other data", () => {
    expect(defaultApprovalStoreUrl("/srv/toolgate")).toBe("sqlite:/srv/toolgate/approvals.db");
  });

  it("opens an in-memory SQLite store and names the fix for a bad URL or an unreachable server", async () => {
    const store = await openApprovalStore("sqlite::memory:", { signer });
    expect(await store.list()).toEqual([]);
    await store.close();
    await expect(openApprovalStore("mysql://x", { signer })).rejects.toThrow(/use sqlite:<path>/);
    await expect(openApprovalStore("postgres://postgres@127.0.0.1:1/test?schema=tg_nowhere", { signer })).rejects.toThrow(/cannot open the approval store .* check the path is writable or the server is up/);
  });
});
