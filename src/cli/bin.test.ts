// End to end: the built `bin/toolgate.js` as a child process, against a loopback model server.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIfStale } from "../../scripts/build-if-stale.js";
import type { OpenAiLoopback } from "./test-support/openai-loopback.js";
import { startOpenAiLoopback } from "./test-support/openai-loopback.js";
import { tempDirs } from "./test-support/temp-dir.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "bin", "toolgate.js");
const builtMain = join(root, "dist", "cli", "main.js");

let server: OpenAiLoopback;
const dirs = tempDirs();

beforeAll(() => {
  // The same check `npm start` makes: build only when a compiled source changed since the last build.
  buildIfStale(root);
  expect(existsSync(builtMain), "npm run build must produce dist/cli/main.js").toBe(true);
}, 600_000);

beforeAll(async () => {
  server = await startOpenAiLoopback();
});
afterAll(async () => {
  await server?.close();
  dirs.removeAll();
});

function toolgate(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = dirs.make();
  return new Promise((resolve) => {
    // Asynchronous on purpose: the loopback server answering the child lives in this process.
    execFile(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("bin/toolgate.js", () => {
  it("answers --version from the built package", async () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(await toolgate(["--version"])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: "" });
  });

  it("runs a prompt end to end and exits 0", async () => {
    server.script([{ toolCalls: [{ name: "find_customer", arguments: { email: "maria.lopez@example.com" } }] }, { text: "Hi Maria." }]);
    const result = await toolgate(["run", "hi", "--model", server.modelSpec]);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Hi Maria.");
    expect(result.stdout).toMatch(/^0\s+find_customer\s+succeeded/m);
  });

  it("sets exit code 2 on a usage error, with one line on stderr", async () => {
    const result = await toolgate(["run", "hi", "--model", "nonsense"]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^toolgate: invalid model spec "nonsense"/);
  });
});
