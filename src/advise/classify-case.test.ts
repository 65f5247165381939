import { describe, expect, it } from "vitest";
import type { ArgumentMismatch } from "../eval/index.js";
import { classifyMismatch, sameContent } from "./classify-case.js";

const mismatch = (fields: Partial<ArgumentMismatch>): ArgumentMismatch => ({ function: "f", param: "p", expected: ["x"], expectedSeen: false, expectedInSchema: false, actualSeen: false, ...fields });

describe("sameContent: the same value in another form", () => {
  it.each([
    ["2025-03-14", "03/14/2025", true],
    ["+15550100", "5550100", true],
    ["New York", "new-york", true],
    [1250, 12.5, true],
    [1250, "12.5", true],
    [1500, 3000, false],
    ["2025-03-14", "2025-03-15", false],
    ["high", "urgent", false],
    ["ORD-4100", "ORD-0000", false],
  ])("%j vs %j → %s", (expected, actual, same) => {
    expect(sameContent(expected, actual)).toBe(same);
  });
});

describe("classifyMismatch", () => {
  it("calls a converted-differently value a format problem, even when neither form was in the conversation", () => {
    expect(classifyMismatch(mismatch({ expected: ["2025-03-14"], actual: "03/14/2025" }))).toBe("argument-format");
  });
  it("calls a value copied from the conversation where a conversion or an enum choice was due a format problem", () => {
    expect(classifyMismatch(mismatch({ expected: ["high"], actual: "urgent", expectedInSchema: true, actualSeen: true }))).toBe("argument-format");
  });
  it("calls a value nobody gave, replaced by an invented one, a knowledge gap", () => {
    expect(classifyMismatch(mismatch({ expected: ["ORD-4100"], actual: "ORD-0000" }))).toBe("knowledge-gap");
    expect(classifyMismatch(mismatch({ expected: ["ORD-4100"] }))).toBe("knowledge-gap");
  });
  it("calls a value that was in front of the model, replaced by another, an extraction mistake", () => {
    expect(classifyMismatch(mismatch({ expected: ["ORD-4100"], actual: "ORD-9100", expectedSeen: true, actualSeen: true }))).toBe("argument-extraction");
    expect(classifyMismatch(mismatch({ expected: ["low"], actual: "normal", expectedInSchema: true }))).toBe("argument-extraction");
  });
});
