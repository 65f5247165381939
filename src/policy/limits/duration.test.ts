import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration.js";

describe("window lengths", () => {
  it("parses units and milliseconds, and names the accepted forms otherwise", () => {
    expect([parseDuration("30s"), parseDuration("5m"), parseDuration("1h"), parseDuration("1d"), parseDuration(250)]).toEqual([30_000, 300_000, 3_600_000, 86_400_000, 250]);
    expect(() => parseDuration("5 minutes")).toThrow(/write a whole number and a unit, e.g. 30s, 5m, 1h or 1d/);
    expect(() => parseDuration(0)).toThrow(RangeError);
    expect([formatDuration(60_000), formatDuration(90_000), formatDuration(1_500)]).toEqual(["1m", "90s", "1500ms"]);
  });
});
