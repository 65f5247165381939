// The multi-turn checker is found when its module exists and reported missing, not faked, when it does not.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadMultiTurnChecker } from "./multi-turn-bridge.js";

describe("loadMultiTurnChecker", () => {
  it("returns the module's checkMultiTurnEntry exactly when src/suites/bfcl/checker/multi-turn/index.ts exists", async () => {
    const present = existsSync(fileURLToPath(new URL("./multi-turn/index.ts", import.meta.url)));
    const checker = await loadMultiTurnChecker();
    expect(typeof checker).toBe(present ? "function" : "undefined");
  });
});
