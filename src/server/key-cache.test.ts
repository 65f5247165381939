// Authenticated keys are trusted for keyCacheMs without asking the key store again: a revoked key keeps working for at
// most that long (here: a long TTL shows the cache answering, 0 shows revocation biting at once).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayFixture } from "./test-support/gateway-fixture.js";
import { startGateway } from "./test-support/gateway-fixture.js";
import type { MockUpstream } from "./test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "./test-support/mock-upstream.js";

let upstream: MockUpstream;
const gateways: GatewayFixture[] = [];
beforeAll(async () => {
  upstream = await startMockUpstream(() => ({ json: completionWith([], "hi") }));
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await upstream?.close();
});

async function revokedAfterUse(keyCacheMs: number): Promise<[number, number, number]> {
  const gateway = await startGateway(upstream.baseUrl, { keyCacheMs });
  gateways.push(gateway);
  const { key, info } = await gateway.keys.create({ id: "alice", roles: ["user"] });
  const models = () => fetch(`${gateway.baseUrl}/models`, { headers: { authorization: `Bearer ${key}` } }).then((response) => response.status);
  const before = await models();
  await gateway.keys.revoke(info.id);
  const after = await models();
  const unknown = await fetch(`${gateway.baseUrl}/models`, { headers: { authorization: "Bearer tgk_not-a-key" } }).then((response) => response.status);
  return [before, after, unknown];
}

describe("API key cache", () => {
  it("answers from the cache within its time, so a just-revoked key still passes there", async () => {
    expect(await revokedAfterUse(60_000)).toEqual([200, 200, 401]);
  });

  it("asks the store every time with keyCacheMs 0, so revocation bites at once", async () => {
    expect(await revokedAfterUse(0)).toEqual([200, 401, 401]);
  });
});
