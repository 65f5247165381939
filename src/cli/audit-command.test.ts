// `toolgate run` records to the audit trail by default; `toolgate audit list|show|verify|export` read it back (real SQLite, real PostgreSQL).
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs } = loopback;
const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => loopback.cli(args, { cwd, env });

const findMaria = { name: "find_customer", arguments: { email: "maria.lopez@example.com" } };
const newEmail = { name: "update_contact_details", arguments: { customer_id: "C-1001", email: "maria.new@example.com" } };
const badRefund = { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: "lots", reason: "double charge" } };

/** One recorded run: a read, a sensitive write, and a refused call; returns the trace id from the summary. */
async function recordRun(cwd: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<string> {
  loopback.server.script([{ toolCalls: [findMaria, newEmail, badRefund] }, { text: "Updated Maria's email; the refund amount was not valid." }]);
  const { code, out, err } = await cli(["run", "Update the email of customer C-1001 (Maria) to maria.new@example.com and refund her", "--model", loopback.server.modelSpec, ...extra], cwd, env);
  expect(err).toBe("");
  expect(code).toBe(0);
  const match = /^trace ([0-9a-f-]{36}) · recorded in (\S+) · toolgate audit show \1(?: --audit '\2')?$/m.exec(out);
  expect(match, out).not.toBeNull();
  // The suggested `audit show` must find the same store when pasted: a store given with --audit is named in it.
  const auditIndex = extra.indexOf("--audit");
  if (auditIndex >= 0) expect(match![0]).toContain(` --audit '${match![2]}'`);
  return match![1]!;
}

describe("toolgate run → audit", () => {
  it("records the run in <data dir>/audit.db and lists, shows, verifies and exports it", async () => {
    const cwd = dirs.make();
    const traceId = await recordRun(cwd);
    expect(existsSync(join(cwd, ".toolgate", "audit.db"))).toBe(true);

    const list = await cli(["audit", "list"], cwd);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^trace\s+started\s+model\s+calls\s+rejected\s+stop$/m);
    expect(list.out).toMatch(new RegExp(`^${traceId}\\s+\\S+ \\S+\\s+openai-compatible:\\S+\\s+3\\s+1\\s+no-tool-calls$`, "m"));
    const listed = JSON.parse((await cli(["audit", "list", "--json"], cwd)).out) as Array<{ traceId: string; calls: number }>;
    expect(listed).toEqual([expect.objectContaining({ traceId, calls: 3, rejected: 1, stopReason: "no-tool-calls" })]);

    // A unique prefix is enough.
    const show = await cli(["audit", "show", traceId.slice(0, 8)], cwd);
    expect(show.err).toBe("");
    expect(show.code).toBe(0);
    const out = show.out;
    expect(out).toContain(`trace ${traceId} · model ${loopback.server.modelSpec}`);
    expect(out).toMatch(/stop: no-tool-calls · 2 steps · 3 calls · 50 tokens/);
    expect(out).toMatch(/^step 0 · 13 tools exposed · finish tool-calls · 25 tokens · [\d.]+ ms · 3 calls proposed$/m);
    expect(out).toMatch(/^ {2}call 1 find_customer: succeeded \(id [0-9a-f-]+, model id call_\d+\)$/m);
    expect(out).toContain(`    arguments  {"email":"maria.lopez@example.com"}`);
    // Verdicts in gate order, one line each; the policy line names its rule.
    const call1 = out.slice(out.indexOf("call 1 "), out.indexOf("call 2 "));
    expect(call1.split("\n").filter((line) => /^ {4}\w+: +\S/.test(line)).map((line) => line.trim().split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "decode: pass", "resolve: pass", "validate: pass", "policy: pass", "execute: pass", "guard: pass",
    ]);
    expect(call1).toContain("policy:    pass (rule risk:allow-read)");
    expect(call1).toMatch(/effects {4}none declared/);
    expect(call1).toMatch(/outcome {4}ok \{"count":1,"matches":\[\{"customer_id":"C-1001"/);
    // The new email is sensitive: neither the raw text nor the decoded value is on record.
    const call2 = out.slice(out.indexOf("call 2 "), out.indexOf("call 3 "));
    expect(call2).toMatch(/arguments {2}\{"customer_id":"C-1001","email":\{"\$redacted":"sha256:[0-9a-f]+"\}\} \(sensitive fields redacted\)/);
    expect(call2).toContain("effects    row.update customers");
    expect(out).not.toContain("maria.new@example.com");
    expect(out).toMatch(/call 3 issue_refund: rejected[\s\S]*validate: +fail — invalid arguments for issue_refund[\s\S]*outcome {4}invalid_arguments:/);
    expect(out).toMatch(/^step 1 · 13 tools exposed · finish stop · 25 tokens · [\d.]+ ms · no calls$/m);

    const shown = JSON.parse((await cli(["audit", "show", traceId, "--json"], cwd)).out) as { traceId: string; calls: unknown[] };
    expect(shown.traceId).toBe(traceId);
    expect(shown.calls).toHaveLength(3);

    const verify = await cli(["audit", "verify"], cwd);
    expect(verify).toMatchObject({ code: 0, err: "" });
    expect(verify.out).toMatch(/^ok: \d+ events, \d+ checkpoints$/m);

    const jsonl = await cli(["audit", "export", "--format", "jsonl"], cwd);
    const lines = jsonl.out.trimEnd().split("\n").map((line) => JSON.parse(line) as { type: string; traceId: string; hash: string });
    expect(lines.filter((event) => event.traceId === traceId).map((event) => event.type)).toEqual(expect.arrayContaining(["run.started", "model.step", "call.proposed", "call.verdict", "call.executed", "call.effects", "run.finished"]));
    expect(lines.every((event) => /^[0-9a-f]{64}$/.test(event.hash))).toBe(true);
  });

  it("verify names the first broken link after someone edits the database directly, and exits 1", async () => {
    const cwd = dirs.make();
    await recordRun(cwd);
    const path = join(cwd, ".toolgate", "audit.db");
    const database = new Database(path);
    try {
      const row = database.prepare("SELECT seq, data FROM toolgate_audit_events WHERE type = 'call.executed' AND data LIKE '%Maria Lopez%' ORDER BY seq LIMIT 1").get() as { seq: number; data: string };
      // Rewrite history: the lookup now "returned" someone else.
      const forged = row.data.replace("Maria Lopez", "Mario Lopez");
      expect(forged).not.toBe(row.data);
      database.prepare("UPDATE toolgate_audit_events SET data = ? WHERE seq = ?").run(forged, row.seq);
      const verify = await cli(["audit", "verify"], cwd);
      expect(verify.code).toBe(1);
      expect(verify.out).toMatch(new RegExp(`^broken: seq ${row.seq}, hash-mismatch: `, "m"));
      const report = JSON.parse((await cli(["audit", "verify", "--json"], cwd)).out) as { ok: boolean; firstProblem: { seq: number; kind: string } };
      expect(report).toMatchObject({ ok: false, firstProblem: { seq: row.seq, kind: "hash-mismatch" } });
    } finally {
      database.close();
    }
  });

  it("exports OpenTelemetry spans as OTLP/JSON, to stdout or a file", async () => {
    const cwd = dirs.make();
    const traceId = await recordRun(cwd);
    await recordRun(cwd);
    const exported = await cli(["audit", "export", "--format", "otel", "--trace", traceId, "--out", "spans.json"], cwd);
    expect(exported.code).toBe(0);
    expect(exported.err).toMatch(/^wrote \d+ events as OTLP\/JSON spans to spans\.json$/m);
    type Span = { name: string; traceId: string; parentSpanId?: string; attributes: Array<{ key: string; value: { stringValue?: string } }>; status: { code?: number } };
    const request = JSON.parse(readFileSync(join(cwd, "spans.json"), "utf8")) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Span[] }> }> };
    const spans = request.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    expect(spans.map((span) => span.name).sort()).toEqual([
      "chat test-model", "chat test-model", "execute_tool find_customer", "execute_tool issue_refund", "execute_tool update_contact_details", "invoke_agent toolgate",
    ]);
    const value = (span: Span, key: string) => span.attributes.find((attribute) => attribute.key === key)?.value.stringValue;
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceId.replace(/-/g, "")]));
    const refund = spans.find((span) => span.name === "execute_tool issue_refund")!;
    expect(value(refund, "gen_ai.operation.name")).toBe("execute_tool");
    expect(value(refund, "gen_ai.tool.name")).toBe("issue_refund");
    expect(value(refund, "gen_ai.tool.call.id")).toMatch(/^call_\d+$/);
    expect(value(refund, "toolgate.verdict.outcome")).toBe("fail");
    expect(refund.status.code).toBe(2);

    const all = await cli(["audit", "export", "--format", "otel"], cwd);
    const everything = JSON.parse(all.out) as typeof request;
    const agents = everything.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)).filter((span) => span.name.startsWith("invoke_agent"));
    expect(agents).toHaveLength(2);
  });

  it("--no-audit records nothing; --audit picks another store, which the audit commands read with the same flag", async () => {
    const cwd = dirs.make();
    loopback.server.script([{ text: "Hello." }]);
    const off = await cli(["run", "hi", "--model", loopback.server.modelSpec, "--no-audit"], cwd);
    expect(off.code).toBe(0);
    expect(off.out).toMatch(/^trace [0-9a-f-]{36} \(not recorded: --no-audit\)$/m);
    expect(existsSync(join(cwd, ".toolgate", "audit.db"))).toBe(false);

    const traceId = await recordRun(cwd, ["--audit", "sqlite:trails/elsewhere.db"]);
    expect(existsSync(join(cwd, "trails", "elsewhere.db"))).toBe(true);
    expect(existsSync(join(cwd, ".toolgate", "audit.db"))).toBe(false);
    const list = await cli(["audit", "list", "--audit", "sqlite:trails/elsewhere.db"], cwd);
    expect(list.out).toContain(traceId);
    expect((await cli(["audit", "verify", "--audit", "sqlite:trails/elsewhere.db"], cwd)).code).toBe(0);
  });

  it("records every chat turn as its own run", async () => {
    const cwd = dirs.make();
    loopback.server.script([{ text: "Hi!" }, { toolCalls: [findMaria] }, { text: "Found you." }]);
    const io = capturedIo({ cwd, input: "hello\nI am maria.lopez@example.com\n/exit\n" });
    expect(await main(["chat", "--model", loopback.server.modelSpec], io)).toBe(0);
    expect(io.out()).toMatch(/Each turn is recorded in sqlite:\S+audit\.db/);
    const turnIds = [...io.out().matchAll(/^trace ([0-9a-f-]{36})$/gm)].map((match) => match[1]);
    expect(turnIds).toHaveLength(2);
    const listed = JSON.parse((await cli(["audit", "list", "--json"], cwd)).out) as Array<{ traceId: string; calls: number }>;
    expect(listed.map((run) => [run.traceId, run.calls]).sort()).toEqual([[turnIds[0], 0], [turnIds[1], 1]].sort());
  });

  it("explains what is wrong: no trail yet, an unknown trace, a bad store URL", async () => {
    const cwd = dirs.make();
    const none = await cli(["audit", "list"], cwd);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^toolgate: no audit trail at \S+audit\.db yet; `toolgate run` records one there/m);
    await recordRun(cwd);
    const unknown = await cli(["audit", "show", "ffffffff"], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("toolgate: no run ffffffff in sqlite:");
    const badUrl = await cli(["audit", "list", "--audit", "mysql://db/x"], cwd);
    expect(badUrl.code).toBe(2);
    expect(badUrl.err).toMatch(/^toolgate: --audit: unknown audit store URL "mysql:\/\/db\/x" — use sqlite:<path>/m);
    const badFormat = await cli(["audit", "export", "--format", "csv"], cwd);
    expect(badFormat.code).toBe(2);
  });
});

describe("toolgate run --audit postgres://…", () => {
  const schema = `tg_cli_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = `postgres://postgres@127.0.0.1:5432/test?schema=${schema}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });

  it("records to PostgreSQL and reads it back with list, show and verify", async () => {
    const cwd = dirs.make();
    const traceId = await recordRun(cwd, ["--audit", url]);
    expect(existsSync(join(cwd, ".toolgate", "audit.db"))).toBe(false);
    const list = await cli(["audit", "list", "--audit", url], cwd);
    expect(list.code).toBe(0);
    expect(list.out).toContain(traceId);
    const show = await cli(["audit", "show", traceId, "--audit", url], cwd);
    expect(show.out).toMatch(/call 3 issue_refund: rejected/);
    const verify = await cli(["audit", "verify", "--audit", url], cwd);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^ok: \d+ events, \d+ checkpoints$/m);
  });

  it("reads a mistyped schema as an error (exit 2) and creates nothing", async () => {
    const cwd = dirs.make();
    const typo = `${schema}_typo`;
    const typoUrl = `postgres://postgres@127.0.0.1:5432/test?schema=${typo}`;
    for (const command of [["audit", "verify"], ["audit", "list"], ["audit", "export"]]) {
      const read = await cli([...command, "--audit", typoUrl], cwd, { TOOLGATE_AUDIT_KEY: `hmac:${"k".repeat(32)}` });
      expect(read.code, command.join(" ")).toBe(2);
      expect(read.err).toContain(`there is no schema "${typo}"`);
    }
    const client = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
    await client.connect();
    try {
      const found = await client.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [typo]);
      expect(found.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
