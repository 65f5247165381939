// Shared set-up for CLI tests that drive main() against a loopback OpenAI-compatible server, in temporary directories.
import { afterAll, afterEach, beforeAll } from "vitest";
import { commandTable, main } from "../main.js";
import { capturedIo } from "./captured-io.js";
import type { OpenAiLoopback } from "./openai-loopback.js";
import { startOpenAiLoopback } from "./openai-loopback.js";
import { tempDirs } from "./temp-dir.js";

/** Where and with what environment one `cli()` call runs; without `cwd`, a fresh temporary directory. */
export interface CliRunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** What main() returned and wrote, and the directory it ran in. */
interface CliResult {
  code: number;
  out: string;
  err: string;
  cwd: string;
}

export interface LoopbackCli {
  /** The loopback model server; only available inside tests and hooks (it starts in beforeAll). */
  readonly server: OpenAiLoopback;
  /** Temporary directories, all removed after each test. */
  readonly dirs: ReturnType<typeof tempDirs>;
  /** Runs main(args) in-process with captured stdio; `where` is a cwd, or options (cwd defaults to `dirs.make()`). */
  cli(args: string[], where?: string | CliRunOptions): Promise<CliResult>;
}

/**
 * Registers the vitest hooks every loopback CLI test file needs: the server started once before all tests and closed
 * after them; after each test its recorded requests are cleared and the temporary directories removed.
 * Call it once at the top level of a test file.
 */
export function useLoopbackCli(): LoopbackCli {
  let server: OpenAiLoopback | undefined;
  const dirs = tempDirs();

  beforeAll(async () => {
    // main() imports a command's module only when it runs; importing them all here keeps that one-time cost (large on
    // a loaded machine) out of tests that wait a few seconds for a prompt to appear.
    const [started] = await Promise.all([startOpenAiLoopback(), ...commandTable.map((command) => command.load())]);
    server = started;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    server = undefined;
  });
  afterEach(() => {
    if (server) server.received.length = 0;
    dirs.removeAll();
  });

  return {
    get server(): OpenAiLoopback {
      if (!server) throw new Error("useLoopbackCli(): the loopback server only runs inside tests (between beforeAll and afterAll); use `.server` there, not at module level");
      return server;
    },
    dirs,
    async cli(args, where = {}) {
      const options = typeof where === "string" ? { cwd: where } : where;
      const cwd = options.cwd ?? dirs.make();
      const io = capturedIo({ cwd, env: options.env });
      const code = await main(args, io);
      return { code, out: io.out(), err: io.err(), cwd };
    },
  };
}
