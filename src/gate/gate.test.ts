import { readFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { approverFrom } from "../policy/approvers.js";
import type { Policy } from "../policy/types.js";
import { defineTool } from "../tool/define-tool.js";
import { createToolRegistry } from "../tool/registry.js";
import { testTools } from "../test-support/tools.js";
import { createGate } from "./gate.js";
import { jsonlSink, memorySink } from "./sinks.js";

const context = (index = 0) => ({ traceId: "trace-1", step: 0, index, signal: new AbortController().signal });

describe("createGate", () => {
  it("runs a valid call through every stage and records it", async () => {
    const { registry, executed } = testTools();
    const sink = memorySink();
    const gate = createGate({ registry, sink });
    const record = await gate.handle({ id: "c1", name: "get_weather", arguments: '{"city":"Paris"}' }, context());
    expect(record.outcome).toEqual({ ok: true, result: { city: "Paris", temperature: 21, unit: "c" } });
    expect(record.status).toBe("succeeded");
    expect(record.verdicts.map((verdict) => `${verdict.stage}:${verdict.outcome}`)).toEqual([
      "decode:pass", "resolve:pass", "validate:pass", "policy:pass", "execute:pass", "guard:pass",
    ]);
    expect(record.toolDigest).toMatch(/^sha256:/);
    expect(record.callDigest).toMatch(/^sha256:/);
    expect(executed).toEqual([{ tool: "get_weather", args: { city: "Paris", unit: undefined } }]);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]!.id).toBe(record.id);
  });

  it("never executes a call whose arguments are invalid, and tells the model why", async () => {
    const { registry, executed } = testTools();
    const gate = createGate({ registry });
    const record = await gate.handle({ id: "c1", name: "bank_transfer", arguments: '{"to":"x","amount":-5}' }, context());
    expect(executed).toEqual([]);
    expect(record.status).toBe("rejected");
    expect(record.outcome).toMatchObject({ ok: false, error: { code: "invalid_arguments", path: "/amount", expected: "a number >= 1" } });
  });

  it("refuses a call the policy denies, with the rule and reason", async () => {
    const { registry, executed } = testTools();
    const policy: Policy = { evaluate: (input) => (input.risk === "privileged" ? { effect: "deny", reason: "privileged tools are off", ruleId: "no-privileged" } : { effect: "allow" }) };
    const record = await createGate({ registry, policy }).handle({ id: "c1", name: "bank_transfer", arguments: '{"to":"x","amount":5}' }, context());
    expect(executed).toEqual([]);
    expect(record.outcome).toMatchObject({ ok: false, error: { code: "policy_denied", message: expect.stringContaining("privileged tools are off") } });
    expect(record.verdicts.at(-1)).toMatchObject({ stage: "policy", outcome: "deny", ruleId: "no-privileged" });
  });

  const needsApproval: Policy = { evaluate: () => ({ effect: "require-approval", reason: "moves money", ruleId: "approve-money" }) };

  it("asks the approver, binds the approval to the call digest, then runs", async () => {
    const { registry, executed } = testTools();
    const asked: string[] = [];
    const approver = approverFrom("alice", (request) => {
      asked.push(request.callDigest);
      return true;
    });
    const record = await createGate({ registry, policy: needsApproval, approver }).handle({ id: "c1", name: "bank_transfer", arguments: '{"to":"x","amount":5}' }, context());
    expect(record.status).toBe("succeeded");
    expect(asked).toEqual([record.callDigest]);
    expect(record.verdicts.find((verdict) => verdict.stage === "approval")).toMatchObject({ outcome: "approved", detail: { approver: "alice", callDigest: record.callDigest } });
    expect(record.effects).toEqual([{ kind: "money.transfer", target: "x", detail: { amount: 5 } }]);
    expect(executed).toHaveLength(1);
  });

  it("refuses without an approver, when declined, and when the approval is for another call", async () => {
    const { registry, executed } = testTools();
    const call = { id: "c1", name: "bank_transfer", arguments: '{"to":"x","amount":5}' };
    const noApprover = await createGate({ registry, policy: needsApproval }).handle(call, context());
    expect(noApprover.outcome).toMatchObject({ ok: false, error: { code: "approval_required" } });
    const declined = await createGate({ registry, policy: needsApproval, approver: approverFrom("bob", () => false) }).handle(call, context());
    expect(declined.outcome).toMatchObject({ ok: false, error: { code: "approval_denied", message: "bob declined the call" } });
    const mismatched = await createGate({
      registry,
      policy: needsApproval,
      approver: { requestApproval: async () => ({ approved: true, approver: "mallory", callDigest: "sha256:other" }) },
    }).handle(call, context());
    expect(mismatched.outcome).toMatchObject({ ok: false, error: { code: "approval_denied", message: expect.stringContaining("different call") } });
    expect(executed).toEqual([]);
  });

  it("captures a thrown error as a structured failure", async () => {
    const { registry } = testTools();
    const record = await createGate({ registry }).handle({ id: "c1", name: "explode", arguments: "{}" }, context());
    expect(record.status).toBe("failed");
    expect(record.outcome).toEqual({ ok: false, error: { code: "tool_error", message: "explode failed: kaboom" } });
    expect(record.execution).toMatchObject({ status: "error", attempts: 1, error: { name: "Error", message: "kaboom" } });
  });

  it("records repairs made while decoding", async () => {
    const { registry } = testTools();
    const record = await createGate({ registry }).handle({ id: "c1", name: "get_weather", arguments: "{'city': 'Rome',}" }, context());
    expect(record.status).toBe("succeeded");
    expect(record.repairs[0]).toMatchObject({ original: "{'city': 'Rome',}" });
    expect(record.verdicts[0]).toMatchObject({ stage: "decode", outcome: "pass", reason: "malformed JSON repaired" });
  });

  it("answers an unknown tool with the closest names", async () => {
    const { registry } = testTools();
    const record = await createGate({ registry }).handle({ id: "c1", name: "weather", arguments: "{}" }, context());
    expect(record.outcome).toMatchObject({ ok: false, error: { code: "unknown_tool", availableTools: expect.arrayContaining(["get_weather"]) } });
  });

  it("refuses a registered tool that was not exposed this step", async () => {
    const { registry } = testTools();
    const exposed = registry.subset((tool) => tool.area === "weather");
    const record = await createGate({ registry }).handle({ id: "c1", name: "bank_transfer", arguments: '{"to":"x","amount":5}' }, { ...context(), registry: exposed });
    expect(record.outcome).toMatchObject({ ok: false, error: { code: "unknown_tool" } });
  });

  it("times out through the AbortSignal and retries only idempotent tools", async () => {
    let readAttempts = 0;
    let writeAttempts = 0;
    let sawAbort = false;
    const slowRead = defineTool({
      name: "slow_read", description: "Slow.", area: "misc", risk: "read", idempotent: true, retries: 2, timeoutMs: 20, input: z.object({}),
      execute: (_args, ctx) => new Promise((resolve) => {
        readAttempts++;
        ctx.signal.addEventListener("abort", () => { sawAbort = true; resolve("late"); });
      }),
    });
    const slowWrite = defineTool({
      name: "slow_write", description: "Slow.", area: "misc", risk: "write", timeoutMs: 20, input: z.object({}),
      execute: () => new Promise(() => { writeAttempts++; }),
    });
    const gate = createGate({ registry: createToolRegistry({ tools: [slowRead, slowWrite] }), retryDelayMs: 1 });
    const read = await gate.handle({ id: "a", name: "slow_read", arguments: "{}" }, context());
    expect(read.outcome).toMatchObject({ ok: false, error: { code: "timeout", message: expect.stringContaining("within 20 ms") } });
    expect(read.execution).toMatchObject({ status: "timeout", attempts: 3 });
    expect(readAttempts).toBe(3);
    expect(sawAbort).toBe(true);
    const write = await gate.handle({ id: "b", name: "slow_write", arguments: "{}" }, context());
    expect(write.execution).toMatchObject({ status: "timeout", attempts: 1 });
    expect(writeAttempts).toBe(1);
  });

  it("passes a stable idempotency key across retries", async () => {
    const keys: string[] = [];
    const flaky = defineTool({
      name: "flaky", description: "Fails once.", area: "misc", risk: "write", honorsIdempotencyKey: true, retries: 1, input: z.object({}),
      execute: (_args, ctx) => {
        keys.push(ctx.idempotencyKey);
        if (ctx.attempt === 1) throw new Error("transient");
        return "done";
      },
    });
    const record = await createGate({ registry: createToolRegistry({ tools: [flaky] }), retryDelayMs: 1 }).handle({ id: "a", name: "flaky", arguments: "{}" }, context());
    expect(record.outcome).toEqual({ ok: true, result: "done" });
    expect(record.execution?.attempts).toBe(2);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("cancels a running tool when the run is aborted", async () => {
    const hang = defineTool({ name: "hang", description: "Hangs.", area: "misc", risk: "read", idempotent: true, input: z.object({}), execute: () => new Promise(() => undefined) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user stopped")), 10);
    const record = await createGate({ registry: createToolRegistry({ tools: [hang] }) }).handle({ id: "a", name: "hang", arguments: "{}" }, { ...context(), signal: controller.signal });
    expect(record.outcome).toMatchObject({ ok: false, error: { code: "aborted" } });
    expect(record.execution).toMatchObject({ status: "aborted", attempts: 1 });
  });

  it("guards output: truncates oversized results with a marker, refuses non-JSON", async () => {
    const big = defineTool({ name: "big", description: "Big.", area: "misc", risk: "read", input: z.object({}), execute: () => ({ text: "é".repeat(10_000) }) });
    const cyclic = defineTool({ name: "cyclic", description: "Cycle.", area: "misc", risk: "read", input: z.object({}), execute: () => { const a: Record<string, unknown> = {}; a.self = a; return a; } });
    const gate = createGate({ registry: createToolRegistry({ tools: [big, cyclic] }), maxResultBytes: 1000 });
    const bigRecord = await gate.handle({ id: "a", name: "big", arguments: "{}" }, context());
    expect(bigRecord.status).toBe("succeeded");
    const result = (bigRecord.outcome as { ok: true; result: Record<string, unknown> }).result;
    expect(result["[toolgate: result truncated]"]).toMatchObject({ maxResultBytes: 1000, keptBytes: 999 });
    expect(Buffer.byteLength(String(result.partialJson))).toBeLessThanOrEqual(1000);
    expect(bigRecord.verdicts.at(-1)).toMatchObject({ stage: "guard", reason: "result truncated" });
    const cyclicRecord = await gate.handle({ id: "b", name: "cyclic", arguments: "{}" }, context());
    expect(cyclicRecord.outcome).toMatchObject({ ok: false, error: { code: "output_not_serializable" } });
  });

  it("appends records to a JSON Lines file", async () => {
    const { registry } = testTools();
    const path = join(await mkdtemp(join(tmpdir(), "toolgate-")), "nested", "calls.jsonl");
    const gate = createGate({ registry, sink: jsonlSink(path) });
    await Promise.all([0, 1, 2].map((index) => gate.handle({ id: `c${index}`, name: "get_weather", arguments: `{"city":"C${index}"}` }, context(index))));
    const lines = (await readFile(path, "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.proposed.id).sort()).toEqual(["c0", "c1", "c2"]);
    expect(lines.every((line) => line.status === "succeeded")).toBe(true);
  });
});

describe("createGate sink hooks", () => {
  it("hands the sink the proposal and every verdict before the tool runs, and only for calls that will run", async () => {
    const { registry, executed } = testTools();
    const seen: Array<{ callId: string; stages: string[]; executedSoFar: number }> = [];
    const sink = memorySink();
    const gate = createGate({
      registry,
      sink: { record: sink.record, callAuthorised: (call) => void seen.push({ callId: call.id, stages: call.verdicts.map((verdict) => verdict.stage), executedSoFar: executed.length }) },
    });
    const ran = await gate.handle({ id: "c1", name: "get_weather", arguments: '{"city":"Paris"}' }, context());
    const refused = await gate.handle({ id: "c2", name: "get_weather", arguments: '{"city":""}' }, context(1));

    expect(seen).toEqual([{ callId: ran.id, stages: ["decode", "resolve", "validate", "policy"], executedSoFar: 0 }]);
    expect(refused.status).toBe("rejected");
    expect(sink.records.map((record) => record.id)).toEqual([ran.id, refused.id]);
  });

  it("does not run the tool when the sink cannot record the authorisation", async () => {
    const { registry, executed } = testTools();
    const gate = createGate({ registry, sink: { record: () => undefined, callAuthorised: () => Promise.reject(new Error("audit store unreachable")) } });
    await expect(gate.handle({ id: "c1", name: "get_weather", arguments: '{"city":"Paris"}' }, context())).rejects.toThrow("audit store unreachable");
    expect(executed).toEqual([]);
  });

  it("carries the tool's sensitive argument pointers on the record", async () => {
    const secret = defineTool({
      name: "set_pin", description: "Sets a PIN.", area: "misc", risk: "write", sensitive: ["/pin"],
      input: z.object({ pin: z.string() }), execute: () => "ok",
    });
    const record = await createGate({ registry: createToolRegistry({ tools: [secret] }) }).handle({ id: "c1", name: "set_pin", arguments: '{"pin":"1234"}' }, context());
    expect(record.sensitive).toEqual(["/pin"]);
    const { registry } = testTools();
    const plain = await createGate({ registry }).handle({ id: "c2", name: "get_weather", arguments: '{"city":"Paris"}' }, context());
    expect(plain.sensitive).toBeUndefined();
  });
});
