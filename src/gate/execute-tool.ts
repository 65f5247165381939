// Gate stage 6, execute: run the tool under a timeout (AbortSignal), retry only when a repeat is safe, never throw.
import type { ExecutionRecord, ToolEffect, ToolError } from "../record/index.js";
import type { RegisteredTool, ToolContext } from "../tool/types.js";

export interface ExecuteOptions {
  callId: string;
  traceId: string;
  idempotencyKey: string;
  /** The run's signal: aborting it stops the tool and is never retried. */
  signal: AbortSignal;
  defaultTimeoutMs: number;
  /** Base delay between retries; doubled each attempt. */
  retryDelayMs?: number;
}

export type ExecuteResult =
  | { ok: true; value: unknown; execution: ExecutionRecord; effects: ToolEffect[] }
  | { ok: false; error: ToolError; execution: ExecutionRecord; effects: ToolEffect[] };

class ToolTimeoutError extends Error {
  override name = "ToolTimeoutError";
}

export async function executeTool(tool: RegisteredTool, args: unknown, options: ExecuteOptions): Promise<ExecuteResult> {
  const timeoutMs = tool.timeoutMs ?? options.defaultTimeoutMs;
  // A retry must not apply an effect twice: only tools that are idempotent, or deduplicate on the key, are retried.
  const maxAttempts = 1 + (tool.idempotent || tool.honorsIdempotencyKey ? tool.retries : 0);
  const effects: ToolEffect[] = [];
  const started = performance.now();
  let attempt = 0;
  let lastError: unknown;

  while (attempt < maxAttempts) {
    attempt++;
    if (options.signal.aborted) break;
    try {
      const value = await runOnce(tool, args, timeoutMs, attempt, options, effects);
      return { ok: true, value, effects, execution: { status: "ok", attempts: attempt, durationMs: elapsed(started) } };
    } catch (error) {
      lastError = error;
      if (options.signal.aborted) break;
      if (attempt < maxAttempts) await delay((options.retryDelayMs ?? 25) * 2 ** (attempt - 1), options.signal);
    }
  }

  const durationMs = elapsed(started);
  if (options.signal.aborted) {
    return { ok: false, effects, execution: { status: "aborted", attempts: attempt, durationMs }, error: { code: "aborted", message: `${tool.providerName} was cancelled because the run was stopped` } };
  }
  if (lastError instanceof ToolTimeoutError) {
    return {
      ok: false,
      effects,
      execution: { status: "timeout", attempts: attempt, durationMs, error: { name: lastError.name, message: lastError.message } },
      error: { code: "timeout", message: `${lastError.message}${attempt > 1 ? ` (${attempt} attempts)` : ""}` },
    };
  }
  const failure = describeError(lastError);
  return {
    ok: false,
    effects,
    execution: { status: "error", attempts: attempt, durationMs, error: failure },
    error: { code: "tool_error", message: `${tool.providerName} failed: ${failure.message}` },
  };
}

async function runOnce(tool: RegisteredTool, args: unknown, timeoutMs: number, attempt: number, options: ExecuteOptions, effects: ToolEffect[]): Promise<unknown> {
  const controller = new AbortController();
  const abortFromRun = () => controller.abort(options.signal.reason);
  options.signal.addEventListener("abort", abortFromRun, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const context: ToolContext = {
    signal: controller.signal,
    callId: options.callId,
    traceId: options.traceId,
    attempt,
    idempotencyKey: options.idempotencyKey,
    recordEffect: (effect) => {
      effects.push(structuredClone(effect));
    },
  };
  try {
    // Race the tool against the timeout and the run: a tool that ignores its signal still stops holding up the loop.
    return await Promise.race([
      tool.execute(args, context),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new ToolTimeoutError(`${tool.providerName} did not finish within ${timeoutMs} ms`);
          controller.abort(error);
          reject(error);
        }, timeoutMs);
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", abortFromRun);
  }
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: truncate(error.message || error.name) };
  return { name: "NonError", message: truncate(typeof error === "string" ? error : safeString(error)) };
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function truncate(text: string, max = 1000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
