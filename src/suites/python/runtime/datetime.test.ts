// strptime's matching and validation for the formats the APIs parse.
import { describe, expect, it } from "vitest";
import { compareCivil, formatCivilPlusSeconds, strptime } from "./datetime.js";

describe("datetime helpers", () => {
  it("parses like datetime.strptime, single-digit fields included", () => {
    expect(strptime("2024-1-5", "%Y-%m-%d")).toMatchObject({ year: 2024, month: 1, day: 5 });
    expect(strptime("10:30 pm", "%I:%M %p")).toMatchObject({ hour: 22, minute: 30 });
    expect(() => strptime("2024-02-30", "%Y-%m-%d")).toThrow("day is out of range for month");
    expect(() => strptime("15/01/2024", "%Y-%m-%d")).toThrow("time data '15/01/2024' does not match format '%Y-%m-%d'");
    expect(() => strptime("2024-01-05 ", "%Y-%m-%d")).toThrow("unconverted data remains:  ");
    expect(() => strptime(20240105n, "%Y-%m-%d")).toThrow("strptime() argument 1 must be str, not int");
  });

  it("orders and offsets civil times", () => {
    const base = strptime("2024-09-01 10:30:00", "%Y-%m-%d %H:%M:%S");
    expect(formatCivilPlusSeconds(base, 86400)).toBe("2024-09-02 10:30:00");
    expect(compareCivil(base, strptime("2024-09-01", "%Y-%m-%d"))).toBeGreaterThan(0);
  });
});
