// --router and --examples on `toolgate run`: the examples reach the router, and examples without a router are refused by flag name.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs } = loopback;

const invoiceExamples = JSON.stringify({ get_account_summary: ["show me my latest invoice", "is my invoice paid yet"] });

describe("--examples on toolgate run", () => {
  it("shows the model the tool its examples match", async () => {
    const cwd = dirs.make();
    const file = join(cwd, "examples.json");
    writeFileSync(file, invoiceExamples);
    const run = async (extra: string[]) => {
      loopback.server.script([{ text: "Here is your account." }]);
      const io = capturedIo({ cwd });
      const code = await main(["run", "I need a copy of my invoice", "--model", loopback.server.modelSpec, "--router", "bm25", "--no-audit", ...extra], io);
      expect(io.err()).toBe("");
      expect(code).toBe(0);
      return loopback.server.received.at(-1)!.body.tools?.map((tool) => tool.function.name) ?? [];
    };
    expect(await run([])).not.toContain("get_account_summary");
    expect(await run(["--examples", file])).toContain("get_account_summary");
  });

  it("refuses --examples without a narrowing router, naming the flag to add (exit 2)", async () => {
    const io = capturedIo({ cwd: dirs.make() });
    expect(await main(["run", "hi", "--model", loopback.server.modelSpec, "--examples", "examples.json", "--no-audit"], io)).toBe(2);
    expect(io.err()).toBe("toolgate: --examples needs a router that matches requests against tools: add --router bm25 (or embedding, two-stage, hybrid)\n");
  });
});
