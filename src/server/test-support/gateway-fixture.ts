// Starts a real gateway on loopback for tests: SQLite audit and key stores in a temporary folder, a test policy, a mock upstream.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createAuditSigner, openAuditStore } from "../../audit/index.js";
import type { AuditStoreOptions, ChainedAuditStore } from "../../audit/index.js";
import { loadPolicy } from "../../policy/index.js";
import type { PolicyDocumentInput } from "../../policy/index.js";
import { openStore } from "../../store/index.js";
import type { OpenedStore } from "../../store/index.js";
import { openApiKeyStore } from "../api-keys.js";
import type { ApiKeyStore } from "../api-keys.js";
import { createGatewayApp } from "../gateway-app.js";
import type { GatewayOptions } from "../gateway-app.js";

export const testPolicy: PolicyDocumentInput = {
  default: "allow",
  rules: [
    { id: "no-account-deletion", tool: "delete_account", effect: "deny", reason: "accounts are never deleted through the assistant" },
    { id: "refunds-need-a-person", tool: "issue_refund", effect: "require-approval", reason: "refunds need a person", role: "support-lead" },
    { id: "no-mail-from-untrusted-data", tool: "send_email", taint: { anyTainted: true }, effect: "deny", reason: "e-mail arguments came from untrusted text" },
    { id: "admins-only-export", tool: "export_data", principal: { roles: ["user"] }, effect: "deny", reason: "only admins export data" },
  ],
};

export interface GatewayFixture {
  baseUrl: string;
  audit: ChainedAuditStore;
  keys: ApiKeyStore;
  close(): Promise<void>;
}

/** The deployment key of test gateways: it signs the audit chain and approval decisions alike. */
export const testSigner = createAuditSigner({ hmacSecret: "gateway-test-secret-0123456789abcdef0123456789" });

/** Stores default to SQLite files in a fresh folder; replicas in one test pass the same PostgreSQL URLs. */
export async function startGateway(upstreamBaseUrl: string, extra: Partial<GatewayOptions> = {}, stores: { audit?: string; keys?: string; durability?: AuditStoreOptions["durability"] } = {}): Promise<GatewayFixture> {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-gateway-"));
  const audit = await openAuditStore(stores.audit ?? `sqlite:${join(dir, "audit.db")}`, { signer: testSigner, ...(stores.durability ? { durability: stores.durability } : {}) });
  const keyStore: OpenedStore = await openStore(stores.keys ?? `sqlite:${join(dir, "keys.db")}`);
  const keys = await openApiKeyStore(keyStore);
  const app = createGatewayApp({
    upstream: { baseUrl: upstreamBaseUrl, timeoutMs: 2_000 },
    models: ["mock-model"],
    policy: loadPolicy(testPolicy, { clock: () => new Date() }),
    audit,
    keys,
    untrustedTools: ["read_inbox"],
    ...extra,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    audit,
    keys,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await audit.close();
      await keyStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
