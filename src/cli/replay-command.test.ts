// `toolgate replay`: a recorded run re-decided against a changed policy or changed tools, with the catalog left untouched.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { ReplayReport } from "../gate/index.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";
import { waitFor } from "./test-support/temp-dir.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;

/** Every row of every table in the example catalog, to prove a replay changed nothing. */
function catalogSnapshot(cwd: string): string {
  const database = new Database(join(cwd, ".toolgate", "customer-service.db"), { readonly: true });
  try {
    const tables = (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);
    return JSON.stringify(tables.map((table) => [table, database.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()]));
  } finally {
    database.close();
  }
}

const findMaria = { name: "find_customer", arguments: { email: "maria.lopez@example.com" } };
const newPhone = { name: "update_contact_details", arguments: { customer_id: "C-1001", phone: "+14155550199" } };
const refund = { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 1500, reason: "Late cancellation fee waived" } };

/** The built-in strict policy with privileged calls refused outright: the policy change a replay is asked about. */
const denyPrivileged = ["version: no-privileged", "profile: strict", "default: allow", "rules:", "  - id: no-privileged", "    risk: privileged", "    effect: deny", "    reason: no privileged calls today", ""].join("\n");

/** A run whose phone change (its values proven by nothing) and privileged refund a person approved on the terminal, so all three calls ran. */
async function recordApprovedRun(cwd: string): Promise<string> {
  loopback.server.script([{ toolCalls: [findMaria, newPhone, refund] }, { text: "Done." }]);
  const io = capturedIo({ cwd, open: true, tty: true });
  const finished = main(["run", "Update Maria's phone and refund the fee", "--model", loopback.server.modelSpec], io);
  await waitFor(() => io.out().includes("Approve update_contact_details"), "the approval question");
  io.stdin.write("y\r");
  await waitFor(() => io.out().includes("Approve issue_refund"), "the second approval question");
  io.stdin.write("y\r");
  expect(await finished).toBe(0);
  const traceId = /^trace ([0-9a-f-]{36}) · recorded in/m.exec(io.out())?.[1];
  expect(traceId, io.out()).toBeDefined();
  return traceId!;
}

describe("toolgate replay", () => {
  it("with today's policy unchanged, every call is decided the same way", async () => {
    const cwd = dirs.make();
    const traceId = await recordApprovedRun(cwd);
    const { code, out, err } = await cli(["replay", traceId], cwd);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain(`replay of ${traceId} against 13 tools from customer-service example`);
    expect(out).toContain("· policy: built-in default");
    expect(out).toMatch(/^call 1 find_customer: unchanged \(recorded succeeded; today: would run\)$/m);
    // The provenance the record kept (nothing proved the customer id or the phone) asks again, as it did.
    expect(out).toMatch(/^call 2 update_contact_details: unchanged \(recorded succeeded \(approval approved by terminal\); today: would require approval \(rule provenance:approve-unproven-write\)\)$/m);
    expect(out).toMatch(/^call 3 issue_refund: unchanged \(recorded succeeded \(approval approved by terminal\); today: would require approval \(rule risk:approve-privileged\)\)$/m);
    expect(out).toMatch(/^0 of 3 calls would be decided differently today; nothing was executed\.$/m);
  });

  it("after a policy change, shows each call's recorded decision against today's and executes nothing", async () => {
    const cwd = dirs.make();
    const traceId = await recordApprovedRun(cwd);
    const before = catalogSnapshot(cwd);
    const requestsBefore = loopback.server.received.length;

    const { code, out } = await cli(["replay", traceId.slice(0, 13), "--deny", "write,privileged"], cwd);
    expect(code).toBe(0);
    expect(out).toContain("policy: approve privileged, deny write, privileged");
    expect(out).toMatch(/^call 1 find_customer: unchanged/m);
    expect(out).toMatch(/^call 2 update_contact_details: recorded succeeded \(approval approved by terminal\) → today: policy deny \(rule risk:deny-write\)$/m);
    expect(out).toMatch(/^call 3 issue_refund: recorded succeeded \(approval approved by terminal\) → today: policy deny \(rule risk:deny-privileged\)$/m);
    // The phone number is a sensitive field: replay works from the redacted record and says what it could not check.
    expect(out).toMatch(/^ {2}note: redacted fields \(\/phone\) could not be re-validated$/m);
    expect(out).toMatch(/^2 of 3 calls would be decided differently today; nothing was executed\.$/m);

    expect(catalogSnapshot(cwd)).toBe(before);
    expect(loopback.server.received).toHaveLength(requestsBefore);

    writeFileSync(join(cwd, "no-privileged.yaml"), denyPrivileged);
    const report = JSON.parse((await cli(["replay", traceId, "--policy", "no-privileged.yaml", "--json"], cwd)).out) as ReplayReport;
    expect(report.changed).toBe(1);
    expect(report.calls[2]).toMatchObject({ name: "issue_refund", today: { decision: { kind: "refused", stage: "policy", ruleId: "no-privileged" } } });
    expect(catalogSnapshot(cwd)).toBe(before);
  });

  it("against changed tools, names the changed definition and where validation now fails", async () => {
    const cwd = dirs.make();
    const traceId = await recordApprovedRun(cwd);
    writeFileSync(
      join(cwd, "today-tools.ts"),
      [
        "export const tools = [{",
        '  name: "find_customer", description: "Look a customer up by email and date of birth.", area: "accounts", risk: "read" as const,',
        '  input: { type: "object", properties: { email: { type: "string" }, date_of_birth: { type: "string" } }, required: ["email", "date_of_birth"], additionalProperties: false },',
        '  execute: () => { throw new Error("replay must never execute a tool"); },',
        "}];",
      ].join("\n"),
    );
    const { code, out } = await cli(["replay", traceId, "--tools", "today-tools.ts"], cwd);
    expect(code).toBe(0);
    expect(out).toMatch(/^call 1 find_customer: recorded succeeded → today: validation fails at \/date_of_birth/m);
    expect(out).toMatch(/^ {2}tool digest changed: sha256:[0-9a-f]{12}… → sha256:[0-9a-f]{12}…$/m);
    expect(out).toMatch(/^ {2}validation now fails at \/date_of_birth/m);
    expect(out).toMatch(/^call 3 issue_refund: recorded succeeded \(approval approved by terminal\) → today: unknown tool$/m);
    expect(out).toMatch(/^ {2}tool issue_refund no longer exists$/m);
  });

  it("--fail-on-change exits 1 when a call would be decided differently today, keeping the diff, and 0 when none would", async () => {
    const cwd = dirs.make();
    const traceId = await recordApprovedRun(cwd);
    const same = await cli(["replay", traceId, "--fail-on-change"], cwd);
    expect(same).toMatchObject({ code: 0, err: "" });
    expect(same.out).toMatch(/^0 of 3 calls would be decided differently today; nothing was executed\.$/m);

    writeFileSync(join(cwd, "no-privileged.yaml"), denyPrivileged);
    const denied = await cli(["replay", traceId, "--policy", "no-privileged.yaml", "--fail-on-change"], cwd);
    expect(denied.code).toBe(1);
    expect(denied.out).toContain("· policy: no-privileged.yaml");
    expect(denied.out).toMatch(/^call 3 issue_refund: recorded succeeded \(approval approved by terminal\) → today: policy deny \(rule no-privileged\)$/m);
    expect(denied.out).toMatch(/^1 of 3 calls would be decided differently today; nothing was executed\.$/m);
    expect(denied.err).toBe("toolgate: 1 of 3 calls would be decided differently today (--fail-on-change); review the changes above, or record a new run under today's policy\n");

    const json = await cli(["replay", traceId, "--deny", "write,privileged", "--fail-on-change", "--json"], cwd);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.out) as ReplayReport).changed).toBe(2);
  });

  it("--fail-on-change passes when tools changed but every decision stays the same", async () => {
    const cwd = dirs.make();
    const traceId = await recordApprovedRun(cwd);
    // Today's definitions reworded (so their digests differ), with the same names, risks and compatible schemas.
    writeFileSync(
      join(cwd, "reworded-tools.ts"),
      [
        'const never = () => { throw new Error("replay must never execute a tool"); };',
        "export const tools = [",
        '  { name: "find_customer", description: "Find a customer by their email address.", area: "accounts", risk: "read" as const, execute: never,',
        '    input: { type: "object", properties: { email: { type: "string" } }, required: ["email"] } },',
        '  { name: "update_contact_details", description: "Change a customer\'s email or phone.", area: "accounts", risk: "write" as const, sensitive: ["/email", "/phone"], execute: never,',
        '    input: { type: "object", properties: { customer_id: { type: "string" }, email: { type: "string" }, phone: { type: "string" } }, required: ["customer_id"] } },',
        '  { name: "issue_refund", description: "Refund an amount to a customer.", area: "billing", risk: "privileged" as const, execute: never,',
        '    input: { type: "object", properties: { customer_id: { type: "string" }, amount_cents: { type: "integer" }, reason: { type: "string" } }, required: ["customer_id", "amount_cents", "reason"] } },',
        "];",
      ].join("\n"),
    );
    const reworded = await cli(["replay", traceId, "--tools", "reworded-tools.ts", "--fail-on-change"], cwd);
    expect(reworded.err).toBe("");
    expect(reworded.code).toBe(0);
    expect(reworded.out).toMatch(/^call 1 find_customer: same decision \(would run\), but:$/m);
    expect(reworded.out).toMatch(/^ {2}tool digest changed: sha256:[0-9a-f]{12}… → sha256:[0-9a-f]{12}…$/m);
    expect(reworded.out).toMatch(/^0 of 3 calls would be decided differently today \(3 more changed otherwise\); nothing was executed\.$/m);
  });

  it("rejects a risk level it does not know, and a trace it cannot find", async () => {
    const cwd = dirs.make();
    const traceId = await recordApprovedRun(cwd);
    const badRisk = await cli(["replay", traceId, "--deny", "dangerous"], cwd);
    expect(badRisk.code).toBe(2);
    expect(badRisk.err).toContain("--deny takes risk levels from read, write, privileged");
    const missing = await cli(["replay", "00000000-dead"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^toolgate: no run 00000000-dead in sqlite:/m);
  });
});
