import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../tool/define-tool.js";
import { createToolRegistry } from "../tool/registry.js";
import type { ToolDefinition } from "../tool/types.js";
import { executeTool } from "./execute-tool.js";

const options = (signal = new AbortController().signal) => ({ callId: "c", traceId: "t", idempotencyKey: "t:c", signal, defaultTimeoutMs: 1_000, retryDelayMs: 1 });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test tools of any argument type
const register = (definition: ToolDefinition<any, any>) => createToolRegistry({ tools: [definition] }).tools[0]!;

describe("executeTool", () => {
  it("returns the value, attempts, duration and declared effects", async () => {
    const tool = register(defineTool({
      name: "w", description: "W.", area: "a", risk: "write", input: z.object({}),
      execute: (_args, ctx) => { ctx.recordEffect({ kind: "row.insert", target: "t", detail: { id: 1 } }); return 42; },
    }));
    const result = await executeTool(tool, {}, options());
    expect(result).toMatchObject({ ok: true, value: 42, execution: { status: "ok", attempts: 1 }, effects: [{ kind: "row.insert", target: "t", detail: { id: 1 } }] });
  });

  it("does not retry a failing tool that is neither idempotent nor key-aware", async () => {
    let attempts = 0;
    const tool = register(defineTool({ name: "w", description: "W.", area: "a", risk: "write", retries: 3, input: z.object({}), execute: () => { attempts++; throw new Error("no"); } }));
    const result = await executeTool(tool, {}, options());
    expect(attempts).toBe(1);
    expect(result).toMatchObject({ ok: false, error: { code: "tool_error", message: "w failed: no" }, execution: { attempts: 1 } });
  });

  it("retries an idempotent tool up to its retry count", async () => {
    let attempts = 0;
    const tool = register(defineTool({ name: "r", description: "R.", area: "a", risk: "read", idempotent: true, retries: 2, input: z.object({}), execute: () => { attempts++; throw "plain string"; } }));
    const result = await executeTool(tool, {}, options());
    expect(attempts).toBe(3);
    expect(result).toMatchObject({ ok: false, execution: { status: "error", attempts: 3, error: { name: "NonError", message: "plain string" } } });
  });

  it("stops waiting at the timeout even if the tool ignores its signal", async () => {
    const tool = register(defineTool({ name: "s", description: "S.", area: "a", risk: "read", timeoutMs: 15, input: z.object({}), execute: () => new Promise(() => undefined) }));
    const started = performance.now();
    const result = await executeTool(tool, {}, options());
    expect(performance.now() - started).toBeLessThan(500);
    expect(result).toMatchObject({ ok: false, error: { code: "timeout" }, execution: { status: "timeout" } });
  });

  it("does not start a tool when the run is already aborted", async () => {
    let ran = false;
    const controller = new AbortController();
    controller.abort();
    const tool = register(defineTool({ name: "r", description: "R.", area: "a", risk: "read", input: z.object({}), execute: () => { ran = true; } }));
    expect(await executeTool(tool, {}, options(controller.signal))).toMatchObject({ ok: false, error: { code: "aborted" } });
    expect(ran).toBe(false);
  });
});
