// Identifier splitting, light stemming and tokenising.
import { describe, expect, it } from "vitest";
import { splitIdentifier, stem, tokenize } from "./tokenize.js";

describe("splitIdentifier", () => {
  it("splits snake_case, camelCase, dotted names and acronyms", () => {
    expect(splitIdentifier("get_weather")).toEqual(["get", "weather"]);
    expect(splitIdentifier("getWeatherForecast")).toEqual(["get", "weather", "forecast"]);
    expect(splitIdentifier("math.hypot")).toEqual(["math", "hypot"]);
    expect(splitIdentifier("HTTPServer2Start")).toEqual(["http", "server2", "start"]);
    expect(splitIdentifier("PDF&URLTool")).toEqual(["pdf", "url", "tool"]);
  });
});

describe("stem", () => {
  it("folds plurals and common verb endings so queries meet descriptions", () => {
    expect(stem("appointments")).toBe("appointment");
    expect(stem("booking")).toBe("book");
    expect(stem("booked")).toBe("book");
    expect(stem("policies")).toBe("policy");
    expect(stem("searches")).toBe("search");
    expect(stem("shipping")).toBe("ship");
  });

  it("leaves short words, numbers, -ss/-us/-is words and non-plural -s words alone", () => {
    for (const word of ["bus", "ids", "status", "analysis", "address", "mp3s", "news", "statistics"]) expect(stem(word)).toBe(word);
  });
});

describe("tokenize", () => {
  it("drops bare numbers but keeps mixed tokens", () => {
    expect(tokenize("Thursday 10:00, 5 mp3 files from my 401k")).toEqual(["thursday", "mp3", "file", "401k"]);
  });

  it("drops stop words, keeps action verbs and repeats", () => {
    expect(tokenize("Please send an email to the customer, then send a refund")).toEqual(["send", "email", "customer", "send", "refund"]);
  });
});
