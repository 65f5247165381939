// `toolgate config check|schema`, and `run --config` with flags overriding the file.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Trace } from "../record/index.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;
const docs = fileURLToPath(new URL("../../docs/", import.meta.url));

describe("toolgate config", () => {
  it("check accepts the documented example and prints the schema the docs carry", async () => {
    expect(await cli(["config", "check", join(docs, "toolgate.example.yaml")])).toMatchObject({ code: 0, out: expect.stringMatching(/toolgate\.example\.yaml: ok · 9 settings\n$/) });
    const schema = await cli(["config", "schema"]);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.out)).toEqual(JSON.parse(readFileSync(join(docs, "toolgate.schema.json"), "utf8")));
  });

  it("check names every problem by file:line:col and exits 2", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "toolgate.yaml"), "model: openai:gpt-4.1-mini\nspotlighting: loud\nlimits:\n  maxSteps: -1\n");
    const { code, err } = await cli(["config", "check", "toolgate.yaml"], cwd);
    expect(code).toBe(2);
    expect(err).toMatch(/^toolgate: toolgate\.yaml:2:15: spotlighting: Invalid option: expected one of "datamark"\|"delimit"\|"off"\ntoolgate\.yaml:4:13: limits\.maxSteps: Too small/);
  });
});

describe("run --config", () => {
  it("runs with the file's settings, and a flag given on the line wins over the file", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "toolgate.yaml"), `model: ${loopback.server.modelSpec}\naudit: false\nprincipal: { id: sam, roles: [support] }\nlimits: { maxSteps: 1 }\nrouter: { name: bm25 }\n`);
    loopback.server.script([{ toolCalls: [{ name: "find_customer", arguments: { email: "maria.lopez@example.com" } }] }, { text: "done" }]);
    const fromFile = await cli(["run", "find maria", "--config", "toolgate.yaml", "--json"], cwd);
    expect(fromFile.code).toBe(0);
    const trace = JSON.parse(fromFile.out) as Trace;
    // limits.maxSteps 1 from the file: the loop stops after the first model call.
    expect(trace.stopReason).toBe("max-steps");
    expect(trace.steps[0]?.routing?.router).toBe("bm25");
    expect(loopback.server.received).toHaveLength(1);

    loopback.server.script([{ toolCalls: [{ name: "find_customer", arguments: { email: "maria.lopez@example.com" } }] }, { text: "done" }]);
    const overridden = await cli(["run", "find maria", "--config", "toolgate.yaml", "--max-steps", "4", "--json"], cwd);
    expect(overridden.code).toBe(0);
    expect((JSON.parse(overridden.out) as Trace).stopReason).toBe("no-tool-calls");
  });

  it("names a broken setting by the file's key when the file gave it, and by the flag when the flag did", async () => {
    const cwd = dirs.make();
    writeFileSync(join(cwd, "toolgate.yaml"), `model: ${loopback.server.modelSpec}\naudit: false\npins: nope.json\n`);
    const fromFile = await cli(["run", "hi", "--config", "toolgate.yaml"], cwd);
    expect(fromFile.code).toBe(2);
    expect(fromFile.err).toContain(`toolgate: pins in toolgate.yaml ${join(cwd, "nope.json")}: no such file`);
    const fromFlag = await cli(["run", "hi", "--config", "toolgate.yaml", "--pins", "other.json"], cwd);
    expect(fromFlag.err).toContain("toolgate: --pins other.json: no such file");
    const missing = await cli(["run", "hi", "--config", "nope.yaml"], cwd);
    expect(missing).toMatchObject({ code: 2, err: "toolgate: nope.yaml: no such file; see docs/configuration.md for the format\n" });
  });
});
