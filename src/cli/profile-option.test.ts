// `--profile` offers exactly the policy room's profiles, in every command that takes it, and names them when refused.
import { afterEach, describe, expect, it } from "vitest";
import { policyProfiles } from "../policy/index.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const choices = `Allowed choices are ${policyProfiles.join(", ")}`;

describe("--profile", () => {
  it.each([
    ["run", ["run", "hello"]],
    ["chat", ["chat"]],
    ["mcp serve", ["mcp", "serve"]],
  ])("%s refuses an unknown profile and lists the policy room's profiles", async (_name, command) => {
    const io = capturedIo({ cwd: dirs.make() });
    const code = await main([...command, "--profile", "lenient"], io);
    expect(code).toBe(2);
    expect(io.err()).toContain("'lenient' is invalid");
    expect(io.err()).toContain(choices);
  });

  it("help shows every profile as a choice", async () => {
    const io = capturedIo({ cwd: dirs.make() });
    await main(["mcp", "serve", "--help"], io);
    // Commander wraps long help lines, so the choices may be split over lines.
    const listed = policyProfiles.map((name) => `"${name}"`).join(",\\s+");
    expect(io.out()).toMatch(new RegExp(`--profile <name>[^]*?\\(choices: ${listed}\\)`));
  });
});
