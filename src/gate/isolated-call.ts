// One tool call run in isolation (a worker thread or a child process), and how it ended: shared by both runners.
import type { Principal, ToolEffect } from "../record/index.js";

/** How an isolated call ended: its value, its error, or that it was terminated (timeout or run cancelled). */
export type IsolatedOutcome = { kind: "value"; value: unknown } | { kind: "error"; error: { name: string; message: string } } | { kind: "terminated"; reason: "timeout" | "aborted" };

export interface IsolatedCall {
  toolName: string;
  args: unknown;
  callId: string;
  traceId: string;
  attempt: number;
  idempotencyKey: string;
  /** Who the run acts for; only its plain fields (id, roles, tenant) cross into the worker or process. */
  principal?: Readonly<Principal>;
  timeoutMs: number;
  signal: AbortSignal;
  recordEffect(effect: ToolEffect): void;
}

/** What an isolated worker or process says back: that its module loaded, an effect as it happens, or its answer. */
type IsolatedMessage = { kind: "ready" } | { kind: "effect"; effect: ToolEffect } | Exclude<IsolatedOutcome, { kind: "terminated" }>;

/** A worker thread or child process running one call, seen from the supervisor. */
export interface IsolatedRunner {
  /** What to say when the runner does not load its module in time. */
  loadTimeoutMessage: string;
  /** Wires the runner's events to the supervisor (and sends it the call, for a process). */
  start(events: { message(message: IsolatedMessage): void; fail(error: { name: string; message: string }): void }): void;
  /** Called once the call has settled, answered or not: a tool that left timers or sockets behind must not keep its thread or process alive. */
  stop(): void;
}

/**
 * Settles an isolated call from its runner's messages. The tool's timeout starts once its module is loaded, so a slow
 * start is not charged to the tool (loading has its own, generous deadline); effects are recorded until the call
 * settles; the timeout or the run's cancellation stops the runner, which is what makes the timeout hard.
 */
export function superviseIsolatedCall(call: IsolatedCall, loadTimeoutMs: number, runner: IsolatedRunner): Promise<IsolatedOutcome> {
  return new Promise<IsolatedOutcome>((settle) => {
    let settled = false;
    const finish = (outcome: IsolatedOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal.removeEventListener("abort", onAbort);
      settle(outcome);
      runner.stop();
    };
    let timer = setTimeout(() => finish({ kind: "error", error: { name: "IsolationStartError", message: runner.loadTimeoutMessage } }), loadTimeoutMs);
    const onAbort = () => finish({ kind: "terminated", reason: "aborted" });
    if (call.signal.aborted) return onAbort();
    call.signal.addEventListener("abort", onAbort, { once: true });
    runner.start({
      message(message) {
        if (message.kind === "ready") {
          clearTimeout(timer);
          timer = setTimeout(() => finish({ kind: "terminated", reason: "timeout" }), call.timeoutMs);
          return;
        }
        if (message.kind === "effect") {
          if (!settled) call.recordEffect(message.effect);
          return;
        }
        finish(message);
      },
      fail: (error) => finish({ kind: "error", error }),
    });
  });
}

/**
 * JavaScript both runners evaluate (plain, so it runs the same from src/ under a test runner and from dist/): loads the
 * `tools` module the way `--tools` does, finds the call's tool and builds the context it runs with; `post` sends one
 * message to the supervisor.
 */
export const loadIsolatedToolSource = `
async function loadIsolatedTool({ moduleUrl, isTypeScript, tsxApiUrl, call }, post) {
  const loaded = isTypeScript ? await (await import(tsxApiUrl)).tsImport(moduleUrl, moduleUrl) : await import(moduleUrl);
  const exported = loaded.tools ?? loaded.default?.tools;
  const tool = Array.isArray(exported) ? exported.find((entry) => entry && entry.name === call.toolName) : undefined;
  if (!tool) throw new Error("the isolation module exports no tool named " + call.toolName);
  const context = {
    signal: new AbortController().signal,
    callId: call.callId,
    traceId: call.traceId,
    attempt: call.attempt,
    idempotencyKey: call.idempotencyKey,
    recordEffect: (effect) => post({ kind: "effect", effect }),
  };
  if (call.principal) context.principal = call.principal;
  return { tool, context };
}
`;

/** The call as sent to a worker or process: plain data only, the principal reduced to the fields a Principal has. */
export type IsolatedCallMessage = Pick<IsolatedCall, "toolName" | "args" | "callId" | "traceId" | "attempt" | "idempotencyKey" | "principal">;

export function isolatedCallMessage(call: IsolatedCall): IsolatedCallMessage {
  return {
    toolName: call.toolName,
    args: call.args,
    callId: call.callId,
    traceId: call.traceId,
    attempt: call.attempt,
    idempotencyKey: call.idempotencyKey,
    ...(call.principal ? { principal: serialisablePrincipal(call.principal) } : {}),
  };
}

function serialisablePrincipal(principal: Readonly<Principal>): Principal {
  return {
    id: String(principal.id),
    ...(Array.isArray(principal.roles) ? { roles: principal.roles.map(String) } : {}),
    ...(typeof principal.tenant === "string" ? { tenant: principal.tenant } : {}),
  };
}
