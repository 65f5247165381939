// Prompt-mode steps: a Python list of calls in text, keyword arguments only.
import { describe, expect, it } from "vitest";
import { decodePromptStep } from "./decode-prompt-step.js";

describe("decodePromptStep", () => {
  it("reads a bracketed or bare call list, dropping positional arguments", () => {
    expect(decodePromptStep("[cd(folder='docs'), ls(a=True)]")).toEqual(["cd(folder='docs')", "ls(a=True)"]);
    expect(decodePromptStep("```\nmkdir(dir_name=temp, n=-2)\n```")).toEqual(["mkdir(dir_name='temp', n=-2)"]);
    expect(decodePromptStep("touch('x', file_name='y')")).toEqual(["touch(file_name='y')"]);
  });

  it("returns undefined for prose", () => {
    expect(decodePromptStep("I could not find that file.")).toBeUndefined();
  });
});
