// For dashboard tests: real SQLite stores in a temp folder (audit, approvals, keys, runs index), seeded by running the
// real loop and gate with a scripted model, and API keys for a viewer, an approver and an admin.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAgent } from "../../agent/index.js";
import type { ChainedAuditStore } from "../../audit/index.js";
import { auditRecorder, createAuditSigner, openAuditStore } from "../../audit/index.js";
import { scriptedModel } from "../../model/scripted.js";
import type { ApprovalStore } from "../../policy/index.js";
import { loadPolicy, openApprovalStore, storeApprover } from "../../policy/index.js";
import type { ApiKeyStore } from "../../server/index.js";
import { openApiKeyStore } from "../../server/index.js";
import type { OpenedStore } from "../../store/index.js";
import { openStore } from "../../store/index.js";
import { testTools } from "../../test-support/tools.js";
import { createDashboardApp, openRunIndex, openSessionStore } from "../index.js";
import type { DashboardOptions } from "../index.js";

export interface SeededDashboard {
  dir: string;
  audit: ChainedAuditStore;
  approvals: ApprovalStore;
  keys: ApiKeyStore;
  /** The key store, where the sessions live too. */
  keyStore: OpenedStore;
  index: OpenedStore;
  evalDir: string;
  /** Plaintext keys of three people, one per dashboard role, and one of a principal with no dashboard role. */
  people: { viewer: string; approver: string; admin: string; outsider: string };
  traces: { allowed: string; denied: string; mistake: string; pending: string };
  app(options?: Partial<DashboardOptions>): Promise<ReturnType<typeof createDashboardApp>>;
  close(): Promise<void>;
}

const deploymentKey = createAuditSigner({ hmacSecret: "dashboard-test-deployment-key-0123456789" });

const seededPolicy = () =>
  loadPolicy(
    {
      rules: [
        { id: "weather-is-fine", tool: "get_weather", effect: "allow" },
        { id: "no-explosions", tool: "explode", effect: "deny", reason: "explode is switched off here" },
        { id: "transfers-need-a-person", tool: "bank.transfer", effect: "require-approval" },
      ],
    },
    { clock: () => new Date() },
  );

export async function seededDashboard(): Promise<SeededDashboard> {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-dashboard-"));
  const audit = await openAuditStore(`sqlite:${join(dir, "audit.db")}`, { signer: deploymentKey });
  const approvals = await openApprovalStore(`sqlite:${join(dir, "approvals.db")}`, { signer: deploymentKey });
  const keyStore = await openStore(`sqlite:${join(dir, "keys.db")}`, { what: "key store" });
  const keys = await openApiKeyStore(keyStore);
  const index = await openStore(`sqlite:${join(dir, "dashboard.db")}`, { what: "dashboard index" });
  const { registry } = testTools();
  const policy = seededPolicy();
  const sink = auditRecorder(audit, { registry });
  const approver = storeApprover({ store: approvals, verifier: deploymentKey.verifier });
  const run = async (principal: string, toolCalls: Array<{ name: string; arguments: string }>) =>
    (
      await runAgent({
        model: scriptedModel([{ toolCalls }, "done"], "scripted:dashboard"),
        tools: registry,
        messages: [{ role: "user", content: "help me" }],
        sink,
        policy,
        approver,
        principal: { id: principal, roles: ["customer"] },
      })
    ).id;
  const traces = {
    allowed: await run("alice", [{ name: "get_weather", arguments: JSON.stringify({ city: "Paris" }) }]),
    denied: await run("bob", [{ name: "explode", arguments: "{}" }]),
    mistake: await run("alice", [{ name: "get_weather", arguments: JSON.stringify({ city: "" }) }]),
    pending: await run("carol", [{ name: "bank.transfer", arguments: JSON.stringify({ to: "acct-42", amount: 250 }) }]),
  };
  const people = {
    viewer: (await keys.create({ id: "vera", roles: ["viewer"] })).key,
    approver: (await keys.create({ id: "alex", roles: ["approver"] })).key,
    admin: (await keys.create({ id: "ada", roles: ["admin"] })).key,
    outsider: (await keys.create({ id: "oscar", roles: ["customer"] })).key,
  };
  const evalDir = join(dir, "eval");
  writeEvalReports(evalDir);
  return {
    dir,
    audit,
    approvals,
    keys,
    keyStore,
    index,
    evalDir,
    people,
    traces,
    async app(options = {}) {
      return createDashboardApp({ audit, approvals, keys, sessions: await openSessionStore(keyStore.sql), runIndex: await openRunIndex(index.sql, audit), evalDir, ...options });
    },
    async close() {
      for (const store of [audit, approvals, keyStore, index]) await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Two eval reports of the shape `eval run --out` writes, with different rates per category, for the comparison page. */
function writeEvalReports(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const proportion = (correct: number, total: number) => ({ correct, total, rate: total === 0 ? null : correct / total });
  const summary = (rates: Record<string, [number, number]>) => {
    const metrics = (correct: number, total: number) => ({
      cases: total,
      errors: 0,
      decision: proportion(correct, total),
      arguments: proportion(Math.max(0, correct - 1), total),
      effects: proportion(correct, total),
      passed: proportion(Math.max(0, correct - 1), total),
      gate: { calls: total, rejected: total - correct },
      latencyMs: { mean: 12, p50: 10, p95: 30 },
    });
    const categories = Object.fromEntries(Object.entries(rates).map(([category, [correct, total]]) => [category, metrics(correct, total)]));
    const correct = Object.values(rates).reduce((sum, [value]) => sum + value, 0);
    const total = Object.values(rates).reduce((sum, [, value]) => sum + value, 0);
    return { overall: metrics(correct, total), categories };
  };
  const report = (model: string, rates: Record<string, [number, number]>) => ({
    kind: "toolgate.eval-report",
    version: 1,
    suite: "cases/customer-service.yaml",
    model,
    startedAt: "2026-12-07T10:00:00.000Z",
    finishedAt: "2026-12-07T10:05:00.000Z",
    cached: 0,
    summary: summary(rates),
    results: [],
  });
  writeFileSync(join(dir, "baseline.json"), JSON.stringify(report("llama:base", { refunds: [30, 50], lookups: [40, 50], injections: [20, 40] })));
  writeFileSync(join(dir, "candidate.json"), JSON.stringify(report("llama:tuned", { refunds: [44, 50], lookups: [41, 50], injections: [35, 40] })));
}
