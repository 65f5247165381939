// `toolgate resume`: a run the library paused into the approval store is decided through the CLI and continued by another process.
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

    const again = capturedIo({ cwd: dir });
    expect(await main(["resume", paused.id, "--model", server.modelSpec, "--data-dir", dir, "--no-audit", "--json"], again)).toBe(0);
    expect((JSON.parse(again.out()) as typeof trace).calls[0]!.status).toBe("rejected");
  });

  it("names the store when there is no paused run of that id (exit 2)", async () => {
    const dir = temp.make();
    const io = capturedIo({ cwd: dir });
    expect(await main(["resume", "no-such-trace", "--model", "openai-compatible:http://127.0.0.1:9/v1#m", "--data-dir", dir, "--no-audit"], io)).toBe(2);
    expect(io.err()).toMatch(/^toolgate: no paused run no-such-trace in sqlite:.*approvals\.db; a run paused for approval saves its state there\n$/);
  });
});
