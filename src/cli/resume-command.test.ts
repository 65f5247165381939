// `toolgate resume`: a run the library paused into the approval store is decided through the CLI and continued by another process.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createRuntime } from "../runtime/index.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import type { OpenAiLoopback } from "./test-support/openai-loopback.js";
import { startOpenAiLoopback } from "./test-support/openai-loopback.js";
import { tempDirs } from "./test-support/temp-dir.js";

const temp = tempDirs();
afterEach(() => temp.removeAll());

describe("toolgate resume", () => {
  const servers: OpenAiLoopback[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it("continues a paused run after a CLI approval: the refund runs once and the trace goes on", async () => {
    const dir = temp.make();
    const server = await startOpenAiLoopback();
    servers.push(server);
    const refund = { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 2500, reason: "Double charge on 2026-01-02" } };
    server.script([{ toolCalls: [refund] }, { text: "Refunded $25.00." }]);
    // The same runtime a library user or the gateway opens: calls needing approval are parked in the store.
    const runtime = await createRuntime({ model: server.modelSpec, dataDir: dir, audit: false, approvals: true }, { cwd: dir, env: {} });
    const paused = await runtime.run("refund maria");
    const [pending] = await runtime.approvals!.list({ status: "pending" });
    await runtime.close();
    expect(paused.stopReason).toBe("approval-pending");

    const waiting = capturedIo({ cwd: dir });
    expect(await main(["resume", paused.id, "--model", server.modelSpec, "--data-dir", dir, "--no-audit"], waiting)).toBe(0);
    expect(waiting.out()).toContain(`trace ${paused.id} waits for approval`);

    expect(await main(["approvals", "approve", pending!.request.approvalId, "--as", "alice", "--data-dir", dir], capturedIo({ cwd: dir }))).toBe(0);
    const resumed = capturedIo({ cwd: dir });
    expect(await main(["resume", paused.id, "--model", server.modelSpec, "--data-dir", dir, "--no-audit", "--json"], resumed)).toBe(0);
    const trace = JSON.parse(resumed.out()) as { id: string; stopReason: string; text: string; calls: Array<{ toolName: string; status: string }> };
    expect(trace).toMatchObject({ id: paused.id, stopReason: "no-tool-calls", text: "Refunded $25.00." });
    expect(trace.calls.map((call) => [call.toolName, call.status])).toEqual([["issue_refund", "succeeded"]]);

    // A finished run is not resumed again: a clear error, no model call, and the record of the refund stays as it ran.
    const asked = server.received.length;
    const again = capturedIo({ cwd: dir });
    expect(await main(["resume", paused.id, "--model", server.modelSpec, "--data-dir", dir, "--no-audit", "--json"], again)).toBe(2);
    expect(again.err()).toMatch(new RegExp(`^toolgate: run ${paused.id} was already resumed at .* and cannot be resumed again`));
    expect(again.out()).toBe("");
    expect(server.received.length).toBe(asked);
  });

  it("keeps the paused run sealed at rest, in a 0600 file", async () => {
    const dir = temp.make();
    const server = await startOpenAiLoopback();
    servers.push(server);
    server.script([{ toolCalls: [{ name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 2500, reason: "Double charge" } }] }]);
    const runtime = await createRuntime({ model: server.modelSpec, dataDir: dir, audit: false, approvals: true }, { cwd: dir, env: {} });
    const paused = await runtime.run("refund maria.lopez@example.com, phone +34 612 345 678");
    await runtime.close();
    expect(paused.stopReason).toBe("approval-pending");
    const files = readdirSync(dir).filter((name) => name.startsWith("approvals.db"));
    const bytes = files.map((name) => readFileSync(join(dir, name)).toString("latin1")).join("");
    expect(bytes).toContain("aes-256-gcm");
    expect(bytes).not.toContain("maria.lopez@example.com");
    expect(bytes).not.toContain("612 345 678");
    expect(statSync(join(dir, "approvals.db")).mode & 0o777).toBe(0o600);
  });

  it("a denied call stays denied: a weaker resume is refused (exit 2), and --redecide still never runs it", async () => {
    const dir = temp.make();
    const server = await startOpenAiLoopback();
    servers.push(server);
    const refund = { name: "issue_refund", arguments: { customer_id: "C-1001", amount_cents: 2500, reason: "Double charge on 2026-01-02" } };
    server.script([{ toolCalls: [refund] }, { text: "I could not refund." }]);
    const runtime = await createRuntime({ model: server.modelSpec, dataDir: dir, audit: false, approvals: true }, { cwd: dir, env: {} });
    const paused = await runtime.run("refund maria");
    const [pending] = await runtime.approvals!.list({ status: "pending" });
    await runtime.close();
    expect(await main(["approvals", "deny", pending!.request.approvalId, "--as", "bob", "--reason", "already refunded by phone", "--data-dir", dir], capturedIo({ cwd: dir }))).toBe(0);

    const resumeWith = async (...flags: string[]) => {
      const io = capturedIo({ cwd: dir });
      const code = await main(["resume", paused.id, "--model", server.modelSpec, "--data-dir", dir, "--no-audit", "--json", ...flags], io);
      return { code, out: io.out(), err: io.err() };
    };
    const noTaint = await resumeWith("--no-taint");
    expect(noTaint).toMatchObject({ code: 2, out: "" });
    expect(noTaint.err).toMatch(/this resume is weaker: taint tracking is off\. .*--redecide/);
    writeFileSync(join(dir, "allow.yaml"), "version: allow-everything\ndefault: allow\nrules: []\n");
    const otherPolicy = await resumeWith("--policy", "allow.yaml");
    expect(otherPolicy.code).toBe(2);
    expect(otherPolicy.err).toMatch(/this resume is weaker: the policy changed/);
    expect(server.received).toHaveLength(1);

    const redecided = await resumeWith("--policy", "allow.yaml", "--no-taint", "--redecide");
    expect(redecided.code).toBe(0);
    const trace = JSON.parse(redecided.out) as { calls: Array<{ toolName: string; status: string; outcome: { ok: boolean; error?: { code: string; message: string } } }> };
    expect(trace.calls.map((call) => [call.toolName, call.status, call.outcome.error?.code])).toEqual([["issue_refund", "rejected", "approval_denied"]]);
    expect(trace.calls[0]!.outcome.error!.message).toMatch(/already refunded by phone/);
  });

  it("names the store when there is no paused run of that id (exit 2)", async () => {
    const dir = temp.make();
    const io = capturedIo({ cwd: dir });
    expect(await main(["resume", "no-such-trace", "--model", "openai-compatible:http://127.0.0.1:9/v1#m", "--data-dir", dir, "--no-audit"], io)).toBe(2);
    expect(io.err()).toMatch(/^toolgate: no paused run no-such-trace in sqlite:.*approvals\.db; a run paused for approval saves its state there\n$/);
  });
});
