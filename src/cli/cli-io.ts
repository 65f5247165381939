// The streams, environment and working directory a CLI invocation runs against, so tests can run main() in-process.

interface CliInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface CliOutput extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdin: CliInput;
  stdout: CliOutput;
  stderr: CliOutput;
  env: NodeJS.ProcessEnv;
  /** Relative paths (--tools, --data-dir) resolve against it; `process.cwd()` by default. */
  cwd?: string;
}

export function processIo(): CliIo {
  endQuietlyOnBrokenPipe();
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

let brokenPipeHandled = false;

/**
 * A reader that stops early (`toolgate audit export | head`) closes the pipe: that is the reader's choice, not a
 * failure, so the process ends quietly (exit 0) instead of dying on an unhandled EPIPE with a stack trace. Any
 * other write error still surfaces.
 */
function endQuietlyOnBrokenPipe(): void {
  if (brokenPipeHandled) return;
  brokenPipeHandled = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
}

/** Writes one line; the CLI never writes partial lines except prompts. */
export function writeLine(stream: CliOutput, text = ""): void {
  stream.write(`${text}\n`);
}
