// The governance flags `run` and `chat` share (--policy, --principal, --role), through main() against a loopback model.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Trace } from "../record/index.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs } = loopback;

const findMaria = { name: "find_customer", arguments: { email: "maria.lopez@example.com" } };
const policyOf = (trace: Trace) => trace.calls[0]!.verdicts.find((verdict) => verdict.stage === "policy");

describe("run/chat governance options", () => {
  it("--policy decides with the file's rules and --principal/--role reach them; the digest is recorded", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "policy.yaml"), "default: deny\nrules:\n  - id: support-reads\n    principal: { roles: [support] }\n    risk: read\n    effect: allow\n");
    loopback.server.script([{ toolCalls: [findMaria] }, { text: "done" }, { toolCalls: [findMaria] }, { text: "done" }]);
    const allowed = capturedIo({ cwd });
    expect(await main(["run", "who?", "--model", loopback.server.modelSpec, "--json", "--no-audit", "--policy", "policy.yaml", "--principal", "sam", "--role", "support"], allowed)).toBe(0);
    expect(policyOf(JSON.parse(allowed.out()) as Trace)).toMatchObject({ outcome: "pass", ruleId: "support-reads", detail: { policyDigest: expect.stringMatching(/^sha256:/) } });

    const anonymous = capturedIo({ cwd });
    expect(await main(["run", "who?", "--model", loopback.server.modelSpec, "--json", "--no-audit", "--policy", "policy.yaml"], anonymous)).toBe(0);
    expect(policyOf(JSON.parse(anonymous.out()) as Trace)).toMatchObject({ outcome: "deny", ruleId: "default" });
  });

  it("keeps a policy's rate-limit counters in the data directory, so a limit holds across runs", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "policy.yaml"), "default: allow\nrules:\n  - id: one-lookup-a-day\n    tool: find_customer\n    effect: rate-limit\n    limit: { max: 1, window: 1d }\n");
    loopback.server.script([{ toolCalls: [findMaria] }, { text: "done" }, { toolCalls: [findMaria] }, { text: "done" }]);
    const args = ["run", "who?", "--model", loopback.server.modelSpec, "--json", "--no-audit", "--policy", "policy.yaml", "--principal", "sam"];
    const first = capturedIo({ cwd });
    expect(await main(args, first)).toBe(0);
    expect(policyOf(JSON.parse(first.out()) as Trace)).toMatchObject({ outcome: "pass", ruleId: "default" });
    const second = capturedIo({ cwd });
    expect(await main(args, second)).toBe(0);
    expect(policyOf(JSON.parse(second.out()) as Trace)).toMatchObject({ outcome: "deny", ruleId: "one-lookup-a-day", reason: expect.stringMatching(/limit one-lookup-a-day reached: 1 of 1 calls per 1d used by principal sam; resets at /) });
    expect(existsSync(join(cwd, ".toolgate", "limits.db"))).toBe(true);
  });

  it("--limits postgres://… shares a rate limit between runs from two working directories, as two hosts would", async () => {
    const schema = `toolgate_cli_limits_${process.pid}_${Date.now()}`;
    const url = `${process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test"}?schema=${schema}`;
    const policy = "default: allow\nrules:\n  - id: one-lookup-a-day\n    tool: find_customer\n    effect: rate-limit\n    limit: { max: 1, window: 1d }\n";
    const hosts = [dirs.make(), dirs.make()];
    for (const cwd of hosts) writeFileSync(join(cwd, "policy.yaml"), policy);
    loopback.server.script([{ toolCalls: [findMaria] }, { text: "done" }, { toolCalls: [findMaria] }, { text: "done" }]);
    const outcomes: string[] = [];
    try {
      for (const cwd of hosts) {
        const io = capturedIo({ cwd });
        expect(await main(["run", "who?", "--model", loopback.server.modelSpec, "--json", "--no-audit", "--policy", "policy.yaml", "--principal", "sam", "--limits", url], io)).toBe(0);
        outcomes.push(`${policyOf(JSON.parse(io.out()) as Trace)?.outcome}`);
        expect(existsSync(join(cwd, ".toolgate", "limits.db"))).toBe(false);
      }
    } finally {
      const client = new pg.Client({ connectionString: url.replace(/\?schema=.*$/, "") });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
    expect(outcomes).toEqual(["pass", "deny"]);
    const bad = capturedIo({ cwd: hosts[0]! });
    expect(await main(["run", "who?", "--model", loopback.server.modelSpec, "--no-audit", "--policy", "policy.yaml", "--limits", "redis://x"], bad)).toBe(2);
    expect(bad.err()).toContain('--limits: unknown limits store URL "redis://x" — use sqlite:<path> (e.g. sqlite:.toolgate/audit.db), sqlite::memory:, or postgres://');
  });

  it("uses defaultPolicy() without --policy", async () => {
    loopback.server.script([{ toolCalls: [findMaria] }, { text: "done" }]);
    const io = capturedIo({ cwd: dirs.make() });
    expect(await main(["run", "who?", "--model", loopback.server.modelSpec, "--json", "--no-audit"], io)).toBe(0);
    expect(policyOf(JSON.parse(io.out()) as Trace)).toMatchObject({ outcome: "pass", ruleId: "risk:allow-read", detail: { policyDigest: expect.stringMatching(/^sha256:/) } });
  });

  it("refuses an invalid --policy before opening anything, naming the line and the check command", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "bad.yaml"), "rules:\n  - id: x\n    effect: deny\n");
    const io = capturedIo({ cwd });
    expect(await main(["run", "who?", "--model", loopback.server.modelSpec, "--policy", "bad.yaml"], io)).toBe(2);
    expect(io.err()).toMatch(/^toolgate: the --policy file is not valid \(run `toolgate policy check bad.yaml`\):\n.*bad\.yaml:2: rules\[0\]\.reason: a deny rule needs a reason/);
    expect(loopback.server.received).toHaveLength(0);
  });

  it("asks for --principal when --role is given alone", async () => {
    const io = capturedIo({ cwd: dirs.make() });
    expect(await main(["run", "who?", "--model", loopback.server.modelSpec, "--role", "ops"], io)).toBe(2);
    expect(io.err()).toContain("toolgate: --role needs --principal");
  });
});
