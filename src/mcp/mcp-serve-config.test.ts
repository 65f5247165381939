// `toolgate mcp serve --config toolgate.yaml` governs with the same configuration as run and serve (through
// createRuntime): the policy file's rules, the principal, the approval store, the audit trail; a flag overrides the file.
// Driven by the official SDK client over stdio (a spawned CLI), which declares elicitation and approves at the client.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { capturedIo } from "../cli/test-support/captured-io.js";

const cliEntry = fileURLToPath(new URL("./test-support/toolgate-cli.ts", import.meta.url));
const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;
type Meta = { traceId: string; status: string; verdicts: Array<{ stage: string; outcome: string; ruleId?: string }> };
const metaOf = (result: unknown) => (result as CallToolResult)._meta?.toolgate as Meta;

function writeProject(dir: string): void {
  writeFileSync(
    join(dir, "desk-tools.mjs"),
    [
      "const none = { type: 'object', properties: {} };",
      "const account = { type: 'object', properties: { account: { type: 'string' } }, required: ['account'] };",
      "export const tools = [",
      "  { name: 'read_ticket', description: 'Read the open ticket.', area: 'desk', risk: 'read', input: none, execute: () => ({ ticket: 'T-7', account: 'ACC-991' }) },",
      "  { name: 'refund', description: 'Refund the last charge of an account.', area: 'desk', risk: 'write', input: account, execute: (args) => ({ refunded: args.account }) },",
      "  { name: 'delete_account', description: 'Delete an account.', area: 'desk', risk: 'privileged', input: account, execute: (args) => ({ deleted: args.account }) },",
      "];",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "desk-policy.yaml"),
    [
      "rules:",
      "  - id: reading-is-fine",
      "    tool: read_ticket",
      "    effect: allow",
      "  - id: refunds-need-a-lead",
      "    tool: refund",
      "    effect: require-approval",
      "    reason: refunds are checked by a team lead",
      "  - id: never-delete-here",
      "    tool: delete_account",
      "    effect: deny",
      "    reason: accounts are deleted by the back office only",
    ].join("\n"),
  );
  writeFileSync(join(dir, "strict-policy.yaml"), ["rules:", "  - id: closed-for-maintenance", "    tool: read_ticket", "    effect: deny", "    reason: the desk is closed"].join("\n"));
  writeFileSync(
    join(dir, "toolgate.yaml"),
    // Absolute paths: the spawned server's working directory is the test's (relative paths resolve against it, as in run).
    [`tools: ${join(dir, "desk-tools.mjs")}`, `policy: ${join(dir, "desk-policy.yaml")}`, "principal:", "  id: lee", "  roles: [lead]", `approvals: sqlite:${join(dir, "approvals.db")}`, `audit: sqlite:${join(dir, "audit.db")}`].join("\n"),
  );
}

function spawnServe(dir: string, extra: string[], elicit: boolean) {
  const client = new Client({ name: "desk-client", version: "1.0.0" }, elicit ? { capabilities: { elicitation: { form: {} } } } : {});
  const asked: string[] = [];
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push((request.params as { message: string }).message);
      return { action: "accept", content: { decision: "approve", reason: "lead checked the charge" } };
    });
  }
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", cliEntry, "mcp", "serve", "--stdio", "--config", join(dir, "toolgate.yaml"), "--data-dir", dir, ...extra],
    env: { PATH: process.env.PATH ?? "", HOME: dir },
    stderr: "pipe",
  });
  return { client, transport, asked };
}

describe("toolgate mcp serve --config (spawned CLI, SDK client over stdio)", () => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-mcp-config-"));
  writeProject(dir);
  const served = spawnServe(dir, [], true);

  beforeAll(async () => {
    await served.client.connect(served.transport);
  }, 30_000);
  afterAll(async () => {
    await served.client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("decides with the configured policy file's rules, for the configured principal", async () => {
    const read = await served.client.callTool({ name: "read_ticket", arguments: {} });
    expect(metaOf(read).verdicts).toContainEqual({ stage: "policy", outcome: "pass", ruleId: "reading-is-fine" });
    const deleted = await served.client.callTool({ name: "delete_account", arguments: { account: "ACC-991" } });
    expect((deleted as CallToolResult).isError).toBe(true);
    expect(textOf(deleted)).toContain("accounts are deleted by the back office only");
    expect(metaOf(deleted).verdicts.find((verdict) => verdict.stage === "policy")).toMatchObject({ ruleId: "never-delete-here" });
    expect(metaOf(deleted).verdicts.map((verdict) => verdict.stage)).not.toContain("execute");
  }, 30_000);

  it("asks the client for a pending approval and keeps the signed grant in the configured approval store", async () => {
    const refund = await served.client.callTool({ name: "refund", arguments: { account: "ACC-991" } });
    expect((refund as CallToolResult).isError, textOf(refund)).toBeFalsy();
    expect(textOf(refund)).toContain("ACC-991");
    expect(served.asked).toHaveLength(1);
    expect(served.asked[0]).toContain("refund");
    // Read back as a person would, with `toolgate approvals list` on the store the file names.
    const listed = capturedIo({ cwd: dir, env: { HOME: dir } });
    expect(await main(["approvals", "list", "--approvals", "sqlite:approvals.db", "--json"], listed), listed.err()).toBe(0);
    const decided = (JSON.parse(listed.out()) as Array<{ status: string; request: { traceId: string } }>).filter((entry) => entry.request.traceId === metaOf(refund).traceId);
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ status: "consumed", request: { toolName: "refund", ruleId: "refunds-need-a-lead" }, grant: { approver: "lee", reason: "lead checked the charge" } });
  }, 30_000);

  it("records the calls to the configured audit trail, which verifies", async () => {
    const verify = capturedIo({ cwd: dir, env: { HOME: dir } });
    expect(await main(["audit", "verify", "--audit", "sqlite:audit.db"], verify), verify.err() + verify.out()).toBe(0);
    const show = capturedIo({ cwd: dir, env: { HOME: dir } });
    const read = await served.client.callTool({ name: "read_ticket", arguments: {} });
    expect(await main(["audit", "show", metaOf(read).traceId, "--audit", "sqlite:audit.db", "--json"], show), show.err()).toBe(0);
    expect(show.out()).toContain("never-delete-here");
  }, 30_000);

  it("with --no-elicitation never asks the client: the call waits in the store", async () => {
    const quiet = spawnServe(dir, ["--no-elicitation"], true);
    await quiet.client.connect(quiet.transport);
    try {
      const refund = await quiet.client.callTool({ name: "refund", arguments: { account: "ACC-992" } });
      expect(textOf(refund)).toMatch(/^toolgate approval_required: waiting for a person to decide approval /);
      expect(quiet.asked).toHaveLength(0);
    } finally {
      await quiet.client.close();
    }
  }, 30_000);

  it("lets a flag override the file: --policy replaces the configured policy", async () => {
    const other = spawnServe(dir, ["--policy", join(dir, "strict-policy.yaml")], false);
    await other.client.connect(other.transport);
    try {
      const read = await other.client.callTool({ name: "read_ticket", arguments: {} });
      expect((read as CallToolResult).isError).toBe(true);
      expect(metaOf(read).verdicts.find((verdict) => verdict.stage === "policy")).toMatchObject({ ruleId: "closed-for-maintenance" });
    } finally {
      await other.client.close();
    }
  }, 30_000);
});
