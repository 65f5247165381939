// Reading runs back from the chain: grouping by trace, steps and calls in proposal order, unfinished calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTools } from "../test-support/tools.js";
import { auditedRun, auditedRuns, callDisposition } from "./export-run.js";
import type { TempAuditStore } from "./test-support/recorded-runs.js";
import { recordScriptedRun, tempAuditStore } from "./test-support/recorded-runs.js";

let temp: TempAuditStore;
beforeAll(async () => {
  temp = await tempAuditStore();
});
afterAll(async () => {
  await temp.remove();
});

describe("auditedRuns", () => {
  it("groups interleaved events into runs, steps and calls in the order the model proposed them", async () => {
    const { registry } = testTools();
    const first = await recordScriptedRun(temp.store, registry, [
      { toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }, { name: "explode", arguments: "{}" }] },
      { toolCalls: [{ name: "nope", arguments: "{}" }] },
      "done",
    ]);
    const second = await recordScriptedRun(temp.store, registry, ["hello"]);
    await temp.store.checkpoint();
    const all = await temp.store.read();

    const runs = auditedRuns([...all].reverse());
    expect(runs.map((run) => run.traceId)).toEqual([first.trace.id, second.trace.id]);
    const run = runs[0]!;
    expect(run.steps.map((step) => [step.step, step.calls.length, step.model?.data.finishReason])).toEqual([[0, 2, "tool-calls"], [1, 1, "tool-calls"], [2, 0, "stop"]]);
    expect(run.calls.map((call) => [call.step, call.index, callDisposition(call).status])).toEqual([[0, 0, "succeeded"], [0, 1, "failed"], [1, 0, "rejected"]]);
    expect(callDisposition(run.calls[2]!).deciding).toMatchObject({ stage: "resolve", outcome: "fail" });
    expect(run.started?.data.model).toContain("scripted");
    expect(run.finished?.data).toMatchObject({ stopReason: "no-tool-calls", calls: 3, rejected: 1, failed: 1 });
    expect(auditedRun(all, second.trace.id)?.steps).toHaveLength(1);
    expect(auditedRun(all, "no-such-trace")).toBeUndefined();
  });

  it("shows a call authorised but never finished as unfinished (the process stopped while the tool ran)", async () => {
    const { registry } = testTools();
    const { trace, events } = await recordScriptedRun(temp.store, registry, [{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Rome"}' }] }, "ok"]);
    const cut = events.filter((event) => !(event.callId === trace.calls[0]!.id && (event.type === "call.executed" || event.type === "call.effects" || (event.type === "call.verdict" && ["execute", "guard"].includes(String((event.data as { stage?: string }).stage))))));
    const run = auditedRun(cut, trace.id)!;
    expect(callDisposition(run.calls[0]!)).toMatchObject({ status: "unfinished", deciding: { stage: "policy", outcome: "pass" } });
  });
});
