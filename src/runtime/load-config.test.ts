// toolgate.yaml reading: the documented example loads, problems are located as file:line:col, paths resolve against the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runtimeConfigJsonSchema } from "./config-schema.js";
import { loadRuntimeConfig, parseRuntimeConfig } from "./load-config.js";
import { RuntimeConfigError } from "./runtime-error.js";

const docs = fileURLToPath(new URL("../../docs/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toolgate-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problemOf = (text: string) => {
  try {
    parseRuntimeConfig(text, "toolgate.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(RuntimeConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the config to be refused");
};

describe("loadRuntimeConfig", () => {
  it("loads the documented example with every path made absolute against docs/", () => {
    const config = loadRuntimeConfig(join(docs, "toolgate.example.yaml"));
    expect(config).toMatchObject({
      model: "openai-compatible:http://127.0.0.1:8080/v1#qwen2.5-7b-instruct",
      dataDir: join(docs, "..", ".toolgate"),
      router: { name: "bm25" },
      principal: { id: "alice", roles: ["support"] },
      taint: true,
      spotlighting: "datamark",
      audit: `sqlite:${join(docs, "..", ".toolgate", "audit.db")}`,
      approvals: `sqlite:${join(docs, "..", ".toolgate", "approvals.db")}`,
      limits: { maxSteps: 8, counters: `sqlite:${join(docs, "..", ".toolgate", "limits.db")}` },
    });
  });

  it("the checked-in JSON Schema is the one the code publishes (regenerate: toolgate config schema > docs/toolgate.schema.json)", () => {
    expect(JSON.parse(readFileSync(join(docs, "toolgate.schema.json"), "utf8"))).toEqual(runtimeConfigJsonSchema());
  });

  it("resolves relative paths against the file's folder, not the working directory", () => {
    writeFileSync(join(dir, "toolgate.yaml"), "tools: ./tools.ts\npolicy: policy.yaml\npins: /etc/pins.json\naudit: postgres://db/toolgate?schema=a\n");
    expect(loadRuntimeConfig(join(dir, "toolgate.yaml"))).toEqual({ tools: join(dir, "tools.ts"), policy: join(dir, "policy.yaml"), pins: "/etc/pins.json", audit: "postgres://db/toolgate?schema=a" });
  });

  it("locates schema problems at the offending key or value", () => {
    expect(problemOf("model: openai:gpt-4.1-mini\nrouter:\n  name: bm52\n")).toMatch(/^toolgate\.yaml:3:9: router\.name: Invalid option: expected one of "flat"\|"bm25"/);
    expect(problemOf("limits:\n  maxSteps: 0\n")).toMatch(/^toolgate\.yaml:2:13: limits\.maxSteps: Too small/);
    expect(problemOf("modle: openai:x\n")).toMatch(/^toolgate\.yaml:1:1: Unrecognized key: "modle"/);
    expect(problemOf("audit: true\n")).toMatch(/^toolgate\.yaml:1:8: audit: /);
  });

  it("locates YAML syntax errors", () => {
    expect(problemOf("router:\n  name: [bm25\n")).toMatch(/^toolgate\.yaml:\d+:\d+: YAML syntax: /);
  });

  it("names a missing file", () => {
    expect(() => loadRuntimeConfig(join(dir, "nope.yaml"), "nope.yaml")).toThrow("nope.yaml: no such file; see docs/configuration.md for the format");
  });

  it("reads an empty file as the defaults", () => {
    expect(parseRuntimeConfig("")).toEqual({});
    expect(parseRuntimeConfig("# nothing set\n")).toEqual({});
  });
});
