import { describe, expect, it } from "vitest";
import { scriptedModel } from "../model/scripted.js";
import { testTools } from "../test-support/tools.js";
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
