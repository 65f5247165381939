// Isolated tools (worker and process) receive the run's principal in their context, as in-process tools do: id, roles
// and tenant, copied as plain data; a run without a principal hands them none.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDirs } from "../cli/test-support/temp-dir.js";
import { createToolRegistry } from "../tool/index.js";
import { createGate } from "./gate.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const toolsModule = [
  "export const tools = [{ name: 'whoami', description: 'who', area: 'x', risk: 'read', timeoutMs: 5000, input: { type: 'object' },",
  "  execute: (args, ctx) => ({ principal: ctx.principal ?? null, fields: ctx.principal ? Object.keys(ctx.principal).sort() : [] }) }];",
].join("\n");

describe.each(["worker", "process"] as const)("isolation mode %s: the principal", (mode) => {
  it("reaches the isolated tool's context (id, roles, tenant) and is absent when the run has none", async () => {
    const dir = dirs.make();
    const module = join(dir, "tools.mjs");
    writeFileSync(module, toolsModule);
    const { tools } = (await import(module)) as { tools: Parameters<typeof createToolRegistry>[0]["tools"] };
    const gate = createGate({ registry: createToolRegistry({ tools }), isolation: { module, mode }, rateLimits: [] });
    const signal = new AbortController().signal;
    const principal = { id: "alice", roles: ["finance", "auditor"], tenant: "acme" };
    const withPrincipal = await gate.handle({ id: "a", name: "whoami", arguments: "{}" }, { traceId: "t-p", step: 0, index: 0, signal, principal });
    expect(withPrincipal.execution).toMatchObject({ isolated: true });
    expect(withPrincipal.outcome).toMatchObject({ ok: true, result: { principal, fields: ["id", "roles", "tenant"] } });
    const anonymous = await gate.handle({ id: "b", name: "whoami", arguments: "{}" }, { traceId: "t-n", step: 0, index: 0, signal });
    expect(anonymous.outcome).toMatchObject({ ok: true, result: { principal: null } });
  });
});
