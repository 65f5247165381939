// Rate limits and token budgets per key/principal: OpenAI-style 429 with Retry-After, counted across replicas in PostgreSQL.
import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCounterStore } from "../policy/index.js";
import type { GatewayFixture } from "./test-support/gateway-fixture.js";
import { startGateway } from "./test-support/gateway-fixture.js";
import type { MockUpstream } from "./test-support/mock-upstream.js";
import { completionWith, startMockUpstream } from "./test-support/mock-upstream.js";

const pgBase = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `e_limits_${process.pid}`;
const hour = 3_600_000;

let upstream: MockUpstream;
const opened: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  // Every completion reports 15 tokens used (completionWith's usage).
  upstream = await startMockUpstream(() => ({ json: completionWith([], "done") }));
});
afterAll(async () => {
  for (const entry of opened.reverse()) await entry.close();
  await upstream?.close();
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

const clientFor = async (gateway: GatewayFixture, principal: string) =>
  new OpenAI({ apiKey: (await gateway.keys.create({ id: principal, roles: ["user"] })).key, baseURL: gateway.baseUrl, maxRetries: 0 });
const ask = (client: OpenAI) => client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "hi" }] });

async function refusal(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe("gateway limits", () => {
  it("counts a principal's requests across two replicas sharing the PostgreSQL limits store, then answers 429 with Retry-After", async () => {
    const replicas: GatewayFixture[] = [];
    for (let index = 0; index < 2; index++) {
      const store = await openCounterStore(`${pgBase}?schema=${schema}`);
      const gateway = await startGateway(upstream.baseUrl, { limits: { store, limits: [{ id: "alice-rate", measure: "requests", max: 2, windowMs: hour, per: "principal" }] } });
      opened.push(store, gateway);
      replicas.push(gateway);
    }
    const [first, second] = [await clientFor(replicas[0]!, "alice"), await clientFor(replicas[1]!, "alice")];
    expect((await ask(first)).choices[0]!.message.content).toBe("done");
    expect((await ask(second)).choices[0]!.message.content).toBe("done");
    const error = await refusal(ask(first));
    expect(error.status).toBe(429);
    expect(error.code).toBe("rate_limit_exceeded");
    expect(error.message).toContain("rate limit alice-rate reached: 2 of 2 requests");
    const retryAfter = Number(error.headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // Another principal has its own counter.
    expect((await ask(await clientFor(replicas[1]!, "bob"))).choices[0]!.message.content).toBe("done");
    const refused = (await replicas[0]!.audit.read({})).filter((event) => event.type === "run.finished" && (event.data as { outcome: string }).outcome === "error");
    expect(refused.at(-1)?.data).toMatchObject({ principal: { id: "alice" }, error: { status: 429, code: "rate_limit_exceeded" } });
  });

  it("charges the tokens the upstream reports to a key's budget and refuses once it is spent", async () => {
    const store = await openCounterStore("sqlite::memory:");
    const gateway = await startGateway(upstream.baseUrl, { limits: { store, limits: [{ id: "key-tokens", measure: "tokens", max: 20, windowMs: hour, per: "key" }] } });
    opened.push(store, gateway);
    const client = await clientFor(gateway, "carol");
    await ask(client); // 15 of 20
    await ask(client); // 30 of 20: the request that crosses the budget still completes
    const error = await refusal(ask(client));
    expect(error.code).toBe("budget_exceeded");
    expect(error.message).toContain("30 of 20 tokens");
    // A second key of the same principal has its own budget (per: key).
    expect((await ask(await clientFor(gateway, "carol"))).choices[0]!.message.content).toBe("done");
  });
});
