// Gate stage 6, execute: run the tool under a timeout (AbortSignal, or a terminated worker), retry only when a repeat is safe, never throw.
import type { ExecutionRecord, LateCompletion, Principal, ToolEffect, ToolError } from "../record/index.js";
import type { RegisteredTool, ToolContext } from "../tool/index.js";
import type { IsolationOptions } from "./isolated-execution.js";
import { runIsolated } from "./isolated-execution.js";

export interface ExecuteOptions {
  callId: string;
  traceId: string;
  idempotencyKey: string;
  /** The run's signal: aborting it stops the tool and is never retried. */
  signal: AbortSignal;
  defaultTimeoutMs: number;
  /** Base delay between retries; doubled each attempt. */
  retryDelayMs?: number;
  /** Run this tool in a worker thread that is terminated at the timeout (hard timeouts; see IsolationOptions). */
  isolation?: IsolationOptions;
  /** Stamps late completions. Default: the system clock. */
  now?: () => Date;
  /** Who the run acts for, handed to the tool (an isolated tool gets its id, roles and tenant). */
  principal?: Principal;
}

export type ExecuteResult = (
  | { ok: true; value: unknown; execution: ExecutionRecord; effects: ToolEffect[] }
  | { ok: false; error: ToolError; execution: ExecutionRecord; effects: ToolEffect[] }
) & {
  /**
   * Attempts the gate stopped waiting for (timeout, run cancelled) that were still running in this process: each settles
   * when that attempt finally finishes, with what it returned and the effects it declared after the gate gave up.
   */
  late?: Array<Promise<LateCompletion>>;
};

/** How long a tool gets, once aborted, to stop before it counts as still running (and a late completion is awaited). */
const stopGraceMs = 25;
const noop = () => undefined;

class ToolTimeoutError extends Error {
  override name = "ToolTimeoutError";
}

export async function executeTool(tool: RegisteredTool, args: unknown, options: ExecuteOptions): Promise<ExecuteResult> {
  const timeoutMs = tool.timeoutMs ?? options.defaultTimeoutMs;
  // A retry must not apply an effect twice: only tools that are idempotent, or deduplicate on the key, are retried.
  const maxAttempts = 1 + (tool.idempotent || tool.honorsIdempotencyKey ? tool.retries : 0);
  const effects: ToolEffect[] = [];
  const late: Array<Promise<LateCompletion>> = [];
  const started = performance.now();
  let attempt = 0;
  let lastError: unknown;
  let terminated = false;
  const run = options.isolation ? runIsolatedOnce : runOnce;

  while (attempt < maxAttempts) {
    attempt++;
    if (options.signal.aborted) break;
    try {
      const value = await run(tool, args, timeoutMs, attempt, options, effects, late);
      return withLate({ ok: true, value, effects, execution: { status: "ok", attempts: attempt, durationMs: elapsed(started), ...isolated(options) } }, late);
    } catch (error) {
      lastError = error;
      if (error instanceof TerminatedError || (error as { terminated?: boolean } | undefined)?.terminated === true) terminated = true;
      if (options.signal.aborted) break;
      if (attempt < maxAttempts) await delay((options.retryDelayMs ?? 25) * 2 ** (attempt - 1), options.signal);
    }
  }

  const durationMs = elapsed(started);
  // What the record must say about attempts that were not stopped: they may still change things (a late completion follows).
  const unsettled = { ...isolated(options), ...(terminated ? { terminated: true as const } : {}), ...(late.length > 0 ? { abandoned: late.length } : {}) };
  if (options.signal.aborted) {
    return withLate({ ok: false, effects, execution: { status: "aborted", attempts: attempt, durationMs, ...unsettled }, error: { code: "aborted", message: `${tool.providerName} was cancelled because the run was stopped` } }, late);
  }
  if (lastError instanceof ToolTimeoutError) {
    const still = late.length > 0 ? "; it may still finish, and what it does then is recorded as a late completion" : terminated ? "; it was stopped" : "";
    return withLate(
      {
        ok: false,
        effects,
        execution: { status: "timeout", attempts: attempt, durationMs, error: { name: lastError.name, message: lastError.message }, ...unsettled },
        error: { code: "timeout", message: `${lastError.message}${attempt > 1 ? ` (${attempt} attempts)` : ""}${still}` },
      },
      late,
    );
  }
  const failure = describeError(lastError);
  return withLate(
    {
      ok: false,
      effects,
      execution: { status: "error", attempts: attempt, durationMs, error: failure, ...unsettled },
      error: { code: "tool_error", message: `${tool.providerName} failed: ${failure.message}` },
    },
    late,
  );
}

function withLate(result: ExecuteResult, late: Array<Promise<LateCompletion>>): ExecuteResult {
  return late.length > 0 ? { ...result, late } : result;
}

function isolated(options: ExecuteOptions): { isolated?: true } {
  return options.isolation ? { isolated: true } : {};
}

async function runOnce(tool: RegisteredTool, args: unknown, timeoutMs: number, attempt: number, options: ExecuteOptions, effects: ToolEffect[], late: Array<Promise<LateCompletion>>): Promise<unknown> {
  const controller = new AbortController();
  const abortFromRun = () => controller.abort(options.signal.reason);
  options.signal.addEventListener("abort", abortFromRun, { once: true });
  let timer: NodeJS.Timeout | undefined;
  // Once the gate stops waiting, effects the tool still declares belong to its late completion, not to the finished record.
  let abandoned: { at: number; effects: ToolEffect[] } | undefined;
  const context: ToolContext = {
    signal: controller.signal,
    callId: options.callId,
    traceId: options.traceId,
    attempt,
    idempotencyKey: options.idempotencyKey,
    recordEffect: (effect) => {
      (abandoned ? abandoned.effects : effects).push(structuredClone(effect));
    },
    ...(options.principal ? { principal: structuredClone(options.principal) } : {}),
  };
  const running = Promise.resolve().then(() => tool.execute(args, context));
  // Subscribed before the race, so by the time the race settles this already says whether the tool itself finished.
  let finished = false;
  running.then(
    () => (finished = true),
    () => (finished = true),
  );
  try {
    // Race the tool against the timeout and the run: a tool that ignores its signal still stops holding up the loop.
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new ToolTimeoutError(`${tool.providerName} did not finish within ${timeoutMs} ms`);
          controller.abort(error);
          reject(error);
        }, timeoutMs);
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
      }),
    ]);
  } catch (error) {
    // A tool that honours its signal stops within moments of the abort; only one still running after that is abandoned.
    if (!finished) await Promise.race([running.then(noop, noop), new Promise((resolve) => setTimeout(resolve, stopGraceMs))]);
    if (!finished) {
      abandoned = { at: performance.now(), effects: [] };
      late.push(lateCompletionOf(running, abandoned, attempt, options));
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", abortFromRun);
  }
}

class TerminatedError extends Error {
  override name = "TerminatedError";
}

async function runIsolatedOnce(tool: RegisteredTool, args: unknown, timeoutMs: number, attempt: number, options: ExecuteOptions, effects: ToolEffect[]): Promise<unknown> {
  const outcome = await runIsolated(options.isolation!, {
    toolName: tool.name,
    args,
    callId: options.callId,
    traceId: options.traceId,
    attempt,
    idempotencyKey: options.idempotencyKey,
    ...(options.principal ? { principal: options.principal } : {}),
    timeoutMs,
    signal: options.signal,
    recordEffect: (effect) => effects.push(structuredClone(effect)),
  });
  if (outcome.kind === "value") return outcome.value;
  if (outcome.kind === "error") throw Object.assign(new Error(outcome.error.message), { name: outcome.error.name });
  // The worker is gone: nothing more can happen after this, so there is no late completion to wait for.
  if (outcome.reason === "timeout") throw Object.assign(new ToolTimeoutError(`${tool.providerName} did not finish within ${timeoutMs} ms and was stopped`), { terminated: true });
  throw new TerminatedError(`${tool.providerName} was stopped because the run was cancelled`);
}

function lateCompletionOf(running: Promise<unknown>, abandoned: { at: number; effects: ToolEffect[] }, attempt: number, options: ExecuteOptions): Promise<LateCompletion> {
  const now = options.now ?? (() => new Date());
  const base = () => ({ callId: options.callId, traceId: options.traceId, attempt, finishedAt: now().toISOString(), afterMs: elapsed(abandoned.at), effects: abandoned.effects });
  return running.then(
    (): LateCompletion => ({ ...base(), status: "succeeded" }),
    (error: unknown): LateCompletion => ({ ...base(), status: "failed", error: describeError(error) }),
  );
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
