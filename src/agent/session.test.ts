import { describe, expect, it } from "vitest";
import { scriptedModel } from "../model/scripted.js";
import { testTools } from "../test-support/tools.js";
import type { Policy } from "../policy/types.js";
import { createSession } from "./session.js";

describe("createSession", () => {
  it("keeps the conversation across user turns", async () => {
    const { registry } = testTools();
    const model = scriptedModel([
      { toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] },
      "21°C in Paris.",
      "You asked about Paris.",
    ]);
    const session = createSession({ model, tools: registry, system: "Be brief." });
    const first = await session.send("Weather in Paris?");
    const second = await session.send("Which city did I ask about?");
    expect(first.text).toBe("21°C in Paris.");
    expect(second.text).toBe("You asked about Paris.");
    expect(session.traces).toHaveLength(2);
    const lastRequest = model.requests[2]!.messages;
    expect(lastRequest.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "user"]);
    expect(session.messages).toHaveLength(7);
    expect(second.input).toHaveLength(6);
  });
});

describe("createSession policy versions", () => {
  it("reads a hot-reloaded policy once per turn: a change lands at the next turn, never inside one", async () => {
    const { registry } = testTools();
    let version = 1;
    const seen: number[] = [];
    // Each snapshot is pinned to the version current when the turn began.
    const policy: Policy = {
      evaluate: () => ({ effect: "allow" }),
      snapshot() {
        const pinned = version;
        return { evaluate: () => (seen.push(pinned), pinned === 1 ? { effect: "allow" } : { effect: "deny", ruleId: "v2:deny", reason: "version 2 denies" }) };
      },
    };
    const weather = { name: "get_weather", arguments: '{"city":"Paris"}' };
    const model = scriptedModel([{ toolCalls: [weather] }, { toolCalls: [weather] }, "first done", { toolCalls: [weather] }, "second done"]);
    const session = createSession({ model, tools: registry, policy });
    const first = session.send("twice");
    version = 2; // reloaded while the first turn runs
    const firstTrace = await first;
    const second = await session.send("again");
    expect(firstTrace.calls.map((call) => call.status)).toEqual(["succeeded", "succeeded"]);
    expect(second.calls[0]).toMatchObject({ status: "rejected" });
    expect(seen).toEqual([1, 1, 2]);
  });
});

describe("createSession sink hooks", () => {
  it("records every turn as its own run through one sink", async () => {
    const { registry } = testTools();
    const model = scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] }, "21°C in Paris.", "Bye."]);
    const events: string[] = [];
    const session = createSession({
      model, tools: registry,
      sink: {
        runStarted: (trace) => void events.push(`start ${trace.input.length}`),
        callAuthorised: (call) => void events.push(`authorised ${call.toolName}`),
        record: (call) => void events.push(`record ${call.toolName}`),
        runFinished: (trace) => void events.push(`finish ${trace.stopReason}`),
      },
    });
    const first = await session.send("Weather in Paris?");
    const second = await session.send("Thanks");
    expect(first.id).not.toBe(second.id);
    expect(events).toEqual(["start 1", "authorised get_weather", "record get_weather", "finish no-tool-calls", "start 5", "finish no-tool-calls"]);
  });
});
