// In-memory stdin/stdout/stderr for driving main() in-process, with helpers to read what was written.
import { PassThrough, Writable } from "node:stream";
import type { CliIo } from "../cli-io.js";

export interface CapturedIo extends CliIo {
  stdin: PassThrough & { isTTY?: boolean; setRawMode?: (mode: boolean) => void };
  out(): string;
  err(): string;
}

/** `input` is written to stdin and ended (EOF); pass `open: true` to keep stdin open and write to it yourself. */
export function capturedIo(options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; open?: boolean; tty?: boolean }): CapturedIo {
  const stdin: CapturedIo["stdin"] = new PassThrough();
  if (options.tty) {
    // Enough of a TTY for readline's terminal mode: keypresses, Ctrl-C as a SIGINT event.
    stdin.isTTY = true;
    stdin.setRawMode = () => {};
  }
  let out = "";
  let err = "";
  // Writables that record synchronously, so everything is readable the moment main() resolves.
  const stdout = recorder((text) => (out += text));
  const stderr = recorder((text) => (err += text));
  if (options.input !== undefined) stdin.write(options.input);
  if (!options.open) stdin.end();
  return {
    stdin,
    stdout,
    stderr,
    env: { ...options.env },
    cwd: options.cwd,
    out: () => out,
    err: () => err,
  };
}

function recorder(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      append(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      callback();
    },
  });
}
