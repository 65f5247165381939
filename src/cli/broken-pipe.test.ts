// `toolgate audit export | head`: the reader closing the pipe early ends the command quietly, not with an EPIPE stack trace.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cliSigner, seedRuns } from "./test-support/audit-trail.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterAll(() => dirs.removeAll());
const root = fileURLToPath(new URL("../../", import.meta.url));

describe("a closed stdout pipe", () => {
  it("ends `audit export | head -c 200` with exit 0 and nothing on stderr", async () => {
    const cwd = dirs.make();
    const url = `sqlite:${join(cwd, "audit.db")}`;
    // Enough events that the export is still writing when head has read its 200 bytes and gone.
    const runs = Array.from({ length: 150 }, (_, index) => ({ traceId: `run-${index}`, at: new Date(Date.UTC(2026, 0, 1, 0, index)) }));
    await seedRuns(url, cwd, runs, { signer: cliSigner(url, cwd) });
    const entry = pathToFileURL(join(root, "src", "cli", "main.ts")).href;
    const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(["audit", "export", "--audit", ${JSON.stringify(url)}]);`;
    const tsx = join(root, "node_modules", "tsx", "dist", "esm", "index.mjs");
    const command = `${JSON.stringify(process.execPath)} --import ${JSON.stringify(tsx)} --input-type=module -e '${script}' 2>stderr.txt | head -c 200 > head.txt; echo "\${PIPESTATUS[0]}"; cat stderr.txt`;
    const output = await new Promise<string>((resolve, reject) =>
      execFile("bash", ["-c", command], { cwd, maxBuffer: 10 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    const [exitCode, ...stderr] = output.split("\n");
    expect(stderr.join("\n").trim()).toBe("");
    expect(exitCode).toBe("0");
  }, 120_000);
});
