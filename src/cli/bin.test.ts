// End to end: the built `bin/toolgate.js` as a child process, against a loopback model server.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenAiLoopback } from "./test-support/openai-loopback.js";
import { startOpenAiLoopback } from "./test-support/openai-loopback.js";
import { tempDirs } from "./test-support/temp-dir.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "bin", "toolgate.js");
const builtMain = join(root, "dist", "cli", "main.js");

let server: OpenAiLoopback;
const dirs = tempDirs();

/** Newest modification time of the sources the build compiles (tests excluded). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, entry.name === "test-support" ? 0 : newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  if (!existsSync(builtMain) || statSync(builtMain).mtimeMs < newestSource(join(root, "src"))) {
    try {
      execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
    } catch {
      // tsc still emits when some file has a type error; the CLI only needs dist/ to exist, checked below.
    }
  }
  expect(existsSync(builtMain), "npm run build must produce dist/cli/main.js").toBe(true);
}, 60_000);

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
