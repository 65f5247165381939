// Functions offered per turn: excluded ones never, missed ones from their turn on.
import { describe, expect, it } from "vitest";
import { visibleFunctions } from "./visible-functions.js";

const question = JSON.stringify({
  id: "multi_turn_miss_func_0",
  involved_classes: ["TwitterAPI", "GorillaFileSystem"],
  missed_function: { "3": ["sort"] },
  excluded_function: ["cp"],
});

describe("visibleFunctions", () => {
  it("withholds missed functions until their turn and never offers excluded ones", () => {
    expect(visibleFunctions(question, 2)).not.toContain("sort");
    expect(visibleFunctions(question, 3)).toContain("sort");
    expect(visibleFunctions(question, 3)).not.toContain("cp");
    expect(visibleFunctions(question, 3)).toContain("post_tweet");
  });
});
