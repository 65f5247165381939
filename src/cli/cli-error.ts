// The errors the CLI reports as one `toolgate: ` line, and the exit code each kind maps to.
import type { CliOutput } from "./cli-io.js";

/** 2: the invocation is wrong (flags, model spec, missing API key, a bad --tools file); 1: it was right but something failed. */
export type CliErrorKind = "usage" | "runtime";

/** 130 is what a shell reports for a command stopped by Ctrl-C. */
export const exitCodes = { ok: 0, runtime: 1, usage: 2, interrupted: 130 } as const;

export class CliError extends Error {
  override readonly name = "CliError";
  readonly kind: CliErrorKind;
  constructor(kind: CliErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export const usageError = (message: string, cause?: unknown) => new CliError("usage", message, cause === undefined ? undefined : { cause });

/** A runtime configuration the library refused (RuntimeConfigError, known by name so this file loads no runtime code) is a usage error too. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.kind === "usage" ? exitCodes.usage : exitCodes.runtime;
  return error instanceof Error && error.name === "RuntimeConfigError" ? exitCodes.usage : exitCodes.runtime;
}

/**
 * Prints the error as a `toolgate: ` line. Messages that list several ways to fix something (an unavailable
 * model) keep their extra lines below it. The stack is for developers only: TOOLGATE_DEBUG=1.
 */
export function reportError(error: unknown, stderr: CliOutput, env: NodeJS.ProcessEnv): void {
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`toolgate: ${message.trim()}\n`);
  if (env.TOOLGATE_DEBUG === "1" && error instanceof Error) {
    const root = (error instanceof CliError || error.name === "RuntimeConfigError") && error.cause instanceof Error ? error.cause : error;
    if (root.stack) stderr.write(`${root.stack}\n`);
  }
}
