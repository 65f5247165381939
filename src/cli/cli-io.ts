// The streams, environment and working directory a CLI invocation runs against, so tests can run main() in-process.

export interface CliInput extends NodeJS.ReadableStream {
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
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Writes one line; the CLI never writes partial lines except prompts. */
export function writeLine(stream: CliOutput, text = ""): void {
  stream.write(`${text}\n`);
}
