// Issue 11 §8: a tool that finishes after its timeout is recorded as its own event with its effects; isolation makes timeouts hard.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { auditedRun } from "../audit/export-run.js";
import { auditRecorder } from "../audit/recorder.js";
import { tempAuditStore } from "../audit/test-support/recorded-runs.js";
import { main } from "../cli/main.js";
import { capturedIo } from "../cli/test-support/captured-io.js";
import { tempDirs } from "../cli/test-support/temp-dir.js";
import type { CallRecord, LateCompletion } from "../record/index.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import { createGate } from "./gate.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());
const context = () => ({ traceId: "t-late", step: 0, index: 0, signal: new AbortController().signal });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A tool that ignores its signal: it sends the e-mail anyway, about 200 ms after the gate gave up at 40 ms.
const stubbornSend = defineTool({
  name: "send_email",
  description: "Send.",
  area: "email",
  risk: "write",
  timeoutMs: 40,
  input: { type: "object" },
  execute: async (_args, ctx) => {
    ctx.recordEffect({ kind: "email.draft", target: "draft-1" });
    await sleep(250);
    ctx.recordEffect({ kind: "email.sent", target: "victim@example.test" });
    return { sent: true };
  },
});

describe("late completions", () => {
  it("the issue's repro: the record no longer says 'failed, no effects' — the send after the timeout is its own audit event", async () => {
    const temp = await tempAuditStore();
    try {
      const registry = createToolRegistry({ tools: [stubbornSend] });
      const gate = createGate({ registry, sink: auditRecorder(temp.store, { registry }), rateLimits: [] });
      const record = await gate.handle({ id: "1", name: "send_email", arguments: "{}" }, context());
      expect(record.status).toBe("failed");
      expect(record.execution).toMatchObject({ status: "timeout", abandoned: 1 });
      expect(record.outcome).toMatchObject({ ok: false, error: { code: "timeout", message: expect.stringContaining("recorded as a late completion") } });
      // Only what happened before the timeout is on the closed record.
      expect(record.effects).toEqual([{ kind: "email.draft", target: "draft-1" }]);
      await gate.settle!();
      const run = auditedRun(await temp.store.read({ traceId: "t-late" }), "t-late");
      const late = run!.calls[0]!.late!;
      expect(late).toHaveLength(1);
      expect(late[0]!.data).toMatchObject({ status: "succeeded", attempt: 1, effects: [{ kind: "email.sent", target: "victim@example.test" }] });
      expect(late[0]!.data.afterMs).toBeGreaterThan(20);
      expect((await temp.store.verify()).ok).toBe(true);
      // `toolgate audit show` says the tool was still running, then what it did after.
      const io = capturedIo({ cwd: temp.dir });
      expect(await main(["audit", "show", "t-late", "--audit", `sqlite:${temp.path}`], io)).toBe(0);
      expect(io.out()).toContain("effects    email.draft draft-1");
      expect(io.out()).toMatch(/late {7}attempt 1 succeeded \d+ ms after the gate stopped waiting; effects since: email\.sent victim@example\.test/);
    } finally {
      await temp.remove();
    }
  });

  it("hands a failure after the timeout to the sink too, and nothing for a tool that stopped in time", async () => {
    const lateOnes: Array<[CallRecord, LateCompletion]> = [];
    const failsLate = defineTool({ name: "fails_late", description: "F.", area: "x", risk: "write", timeoutMs: 20, input: { type: "object" }, execute: async () => { await sleep(300); throw new Error("gave up"); } });
    const stopsInTime = defineTool({
      name: "polite", description: "P.", area: "x", risk: "write", timeoutMs: 20, input: { type: "object" },
      execute: (_args, ctx) => new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))),
    });
    const gate = createGate({ registry: createToolRegistry({ tools: [failsLate, stopsInTime] }), sink: { record: () => {}, lateCompletion: (call, late) => void lateOnes.push([call, late]) }, rateLimits: [] });
    const polite = await gate.handle({ id: "p", name: "polite", arguments: "{}" }, context());
    expect(polite.execution).toMatchObject({ status: "timeout" });
    expect(polite.execution?.abandoned).toBeUndefined();
    const failing = await gate.handle({ id: "f", name: "fails_late", arguments: "{}" }, context());
    await gate.settle!();
    expect(lateOnes).toHaveLength(1);
    expect(lateOnes[0]![0].id).toBe(failing.id);
    expect(lateOnes[0]![1]).toMatchObject({ status: "failed", error: { message: "gave up" }, effects: [] });
  });
});

describe("isolation mode", () => {
  const toolsModule = [
    "import { threadId } from 'node:worker_threads';",
    "const tool = (name, execute) => ({ name, description: name, area: 'x', risk: 'write', timeoutMs: 300, input: { type: 'object' }, execute });",
    "export const tools = [",
    "  tool('spin', (args, ctx) => { ctx.recordEffect({ kind: 'spin.started', target: String(args.n) }); for (;;) {} }),",
    "  tool('where', (args) => ({ threadId, doubled: args.n * 2 })),",
    "  tool('boom', () => { throw new TypeError('bad input'); }),",
    "];",
  ].join("\n");

  it("interrupts a synchronous busy loop at the timeout, keeps the effects it declared, and runs ordinary tools off the main thread", async () => {
    const dir = dirs.make();
    const module = join(dir, "tools.mjs");
    writeFileSync(module, toolsModule);
    const { tools } = (await import(module)) as { tools: Parameters<typeof createToolRegistry>[0]["tools"] };
    const gate = createGate({ registry: createToolRegistry({ tools }), isolation: { module }, rateLimits: [] });
    const started = performance.now();
    const spun = await gate.handle({ id: "s", name: "spin", arguments: '{"n":7}' }, context());
    const elapsed = performance.now() - started;
    expect(spun.status).toBe("failed");
    expect(spun.execution).toMatchObject({ status: "timeout", isolated: true, terminated: true });
    expect(spun.execution?.abandoned).toBeUndefined();
    expect(spun.outcome).toMatchObject({ ok: false, error: { code: "timeout", message: expect.stringContaining("was stopped") } });
    expect(spun.effects).toEqual([{ kind: "spin.started", target: "7" }]);
    expect(elapsed).toBeLessThan(5_000);
    const where = await gate.handle({ id: "w", name: "where", arguments: '{"n":21}' }, context());
    expect(where.outcome).toMatchObject({ ok: true, result: { doubled: 42 } });
    expect((where.outcome as unknown as { result: { threadId: number } }).result.threadId).toBeGreaterThan(0);
    const boom = await gate.handle({ id: "b", name: "boom", arguments: "{}" }, context());
    expect(boom.outcome).toMatchObject({ ok: false, error: { code: "tool_error", message: "boom failed: bad input" } });
  });
});
