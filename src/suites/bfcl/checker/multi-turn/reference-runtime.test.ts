// The evaluation-process state: its defaults, its shared padding objects and its options.
import { describe, expect, it } from "vitest";
import { ReferenceRuntime } from "./reference-runtime.js";

describe("ReferenceRuntime", () => {
  it("starts with empty post_tweet defaults and hands out the same shared padding objects", () => {
    const runtime = new ReferenceRuntime({ modelName: "m", today: () => ({ year: 2025, month: 1, day: 2 }) });
    expect(runtime.postTweetDefaults).toEqual({ tags: [], mentions: [] });
    expect(runtime.creditCardExtension()).toBe(runtime.creditCardExtension());
    expect(runtime.creditCardExtension().size).toBe(22);
    expect(runtime.bookingRecordExtension().size).toBe(16);
    expect(runtime.longWeatherExtension()).toBe(runtime.longWeatherExtension());
    expect(runtime.modelName).toBe("m");
    expect(runtime.today()).toEqual({ year: 2025, month: 1, day: 2 });
  });

  it("says when it carries state for later entries: a shared default list grown, or a shared padding object in use", () => {
    const fresh = new ReferenceRuntime();
    expect(fresh.carriesState()).toBe(false);
    const mentioned = new ReferenceRuntime();
    mentioned.postTweetDefaults.mentions.push("VehicleGuru");
    expect(mentioned.carriesState()).toBe(true);
    const longContext = new ReferenceRuntime();
    longContext.longWeatherExtension();
    expect(longContext.carriesState()).toBe(true);
  });

  it("gives each runtime its own objects", () => {
    expect(new ReferenceRuntime().creditCardExtension()).not.toBe(new ReferenceRuntime().creditCardExtension());
  });
});
