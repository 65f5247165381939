// Isolation in a child process: a synchronous busy loop is killed at the timeout with its declared effects kept; ordinary tools run in another process.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDirs } from "../cli/test-support/temp-dir.js";
import { createToolRegistry } from "../tool/index.js";
import { createGate } from "./gate.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());
const context = () => ({ traceId: "t-process", step: 0, index: 0, signal: new AbortController().signal });

const toolsModule = [
  "const tool = (name, execute) => ({ name, description: name, area: 'x', risk: 'write', timeoutMs: 300, input: { type: 'object' }, execute });",
  "export const tools = [",
  "  tool('spin', (args, ctx) => { ctx.recordEffect({ kind: 'spin.started', target: String(args.n) }); for (;;) {} }),",
  "  tool('where', (args) => { console.log('chatty tool output'); return { pid: process.pid, doubled: args.n * 2 }; }),",
  "  tool('boom', () => { throw new TypeError('bad input'); }),",
  "];",
].join("\n");

describe("isolation mode: process", () => {
  it("kills a busy loop at the timeout, keeps its effects, and runs and fails ordinary tools in another process", async () => {
    const dir = dirs.make();
    const module = join(dir, "tools.mjs");
    writeFileSync(module, toolsModule);
    const { tools } = (await import(module)) as { tools: Parameters<typeof createToolRegistry>[0]["tools"] };
    const gate = createGate({ registry: createToolRegistry({ tools }), isolation: { module, mode: "process" }, rateLimits: [] });
    const spun = await gate.handle({ id: "s", name: "spin", arguments: '{"n":7}' }, context());
    expect(spun.status).toBe("failed");
    expect(spun.execution).toMatchObject({ status: "timeout", isolated: true, terminated: true });
    expect(spun.outcome).toMatchObject({ ok: false, error: { code: "timeout", message: expect.stringContaining("was stopped") } });
    expect(spun.effects).toEqual([{ kind: "spin.started", target: "7" }]);
    const where = await gate.handle({ id: "w", name: "where", arguments: '{"n":21}' }, context());
    expect(where.outcome).toMatchObject({ ok: true, result: { doubled: 42 } });
    const pid = (where.outcome as unknown as { result: { pid: number } }).result.pid;
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    const boom = await gate.handle({ id: "b", name: "boom", arguments: "{}" }, context());
    expect(boom.outcome).toMatchObject({ ok: false, error: { code: "tool_error", message: "boom failed: bad input" } });
  });
});
