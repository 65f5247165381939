// `--isolation worker|process|off` on run and chat through main(): a busy-looping tool is stopped at its timeout, an ordinary one runs off the main thread or in another process.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Trace } from "../record/index.js";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { useLoopbackCli } from "./test-support/loopback-cli.js";

const loopback = useLoopbackCli();
const { dirs, cli } = loopback;

// `spin` never returns on its own; `where` says which process and thread it ran in.
const toolsModule = [
  "import { threadId } from 'node:worker_threads';",
  "const tool = (name, execute) => ({ name, description: name, area: 'lab', risk: 'read', timeoutMs: 400, input: { type: 'object', properties: {}, additionalProperties: false }, execute });",
  "export const tools = [",
  "  tool('spin', () => { for (;;) {} }),",
  "  tool('where', () => ({ pid: process.pid, threadId })),",
  "];",
].join("\n");

function labDir(): string {
  const cwd = dirs.make();
  writeFileSync(join(cwd, "lab-tools.mjs"), toolsModule);
  return cwd;
}

const script = () => loopback.server.script([{ toolCalls: [{ name: "spin", arguments: {} }, { name: "where", arguments: {} }] }, { text: "Done." }]);

describe("--isolation", () => {
  it.each([
    ["worker", (where: { pid: number; threadId: number }) => expect(where.threadId).toBeGreaterThan(0)],
    ["process", (where: { pid: number; threadId: number }) => expect(where.pid).not.toBe(process.pid)],
  ] as const)("run --isolation %s stops the busy loop at its timeout and runs the other tool isolated", async (mode, ranIsolated) => {
    script();
    const { code, out, err } = await cli(["run", "spin, then tell me where you ran", "--tools", "lab-tools.mjs", "--isolation", mode, "--model", loopback.server.modelSpec, "--json", "--no-audit"], labDir());
    expect(err).toBe("");
    expect(code).toBe(0);
    const trace = JSON.parse(out) as Trace;
    const [spin, where] = trace.calls;
    expect(spin).toMatchObject({ toolName: "spin", status: "failed", execution: { status: "timeout", isolated: true, terminated: true } });
    expect(where).toMatchObject({ toolName: "where", status: "succeeded" });
    ranIsolated((where!.outcome as unknown as { result: { pid: number; threadId: number } }).result);
    expect(trace.text).toBe("Done.");
  });

  it("chat --isolation process runs the turn's calls in a child process", async () => {
    loopback.server.script([{ toolCalls: [{ name: "where", arguments: {} }] }, { text: "Ran elsewhere." }]);
    const io = capturedIo({ cwd: labDir(), input: "where do you run?\n/exit\n" });
    const code = await main(["chat", "--tools", "lab-tools.mjs", "--isolation", "process", "--model", loopback.server.modelSpec, "--no-audit"], io);
    expect(io.err()).toBe("");
    expect(code).toBe(0);
    expect(io.out()).toContain("Ran elsewhere.");
    expect(io.out()).toMatch(/\[where ok · 2 steps · 1 call/);
  });

  it("refuses isolation over the built-in example catalog (no module to load) and an unknown mode, exit 2", async () => {
    const catalog = await cli(["run", "hi", "--isolation", "worker", "--model", loopback.server.modelSpec, "--no-audit"]);
    expect(catalog.code).toBe(2);
    expect(catalog.err).toMatch(/--isolation worker runs each call in a worker thread that loads the tools module itself.*give --tools <module>, or set --isolation off/);
    const fromFile = dirs.make();
    writeFileSync(join(fromFile, "toolgate.yaml"), "isolation: process\naudit: false\n");
    const keyed = await cli(["run", "hi", "--config", "toolgate.yaml", "--model", loopback.server.modelSpec], fromFile);
    expect(keyed.code).toBe(2);
    expect(keyed.err).toMatch(/isolation in toolgate\.yaml process runs each call in a child process/);
    const unknown = await cli(["run", "hi", "--isolation", "fork", "--model", loopback.server.modelSpec]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--isolation.*fork.*worker, process, off/);
  });
});
