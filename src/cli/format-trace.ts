// Plain-text views of a Trace for the terminal: the calls table, each call's deciding verdict, and one-line summaries.
import type { CallRecord, Trace, Verdict } from "../record/index.js";

const maxVerdictWidth = 72;

/**
 * The verdict that decided the call, as `stage: what`. For a refused or failed call it is the stage that said no
 * (the model's error carries the pointer and expectation, so a validation failure reads `validate: /amount expected integer`);
 * for a call that ran it is the approval when one was needed, otherwise the execution.
 */
export function decidingVerdict(call: CallRecord): string {
  const refusal = call.verdicts.find((verdict) => verdict.outcome === "fail" || verdict.outcome === "deny" || verdict.outcome === "rejected");
  if (refusal) return describeRefusal(refusal, call);
  const approval = call.verdicts.find((verdict) => verdict.stage === "approval" && verdict.outcome === "approved");
  if (approval) return `approval: approved${approverOf(approval) ? ` by ${approverOf(approval)}` : ""}`;
  const executed = call.verdicts.find((verdict) => verdict.stage === "execute");
  if (executed) {
    const attempts = call.execution?.attempts ?? 1;
    return `execute: ok${attempts > 1 ? ` after ${attempts} attempts` : ""}`;
  }
  const last = call.verdicts.at(-1);
  return last ? `${last.stage}: ${last.outcome}` : "-";
}

function describeRefusal(verdict: Verdict, call: CallRecord): string {
  const error = call.outcome.ok ? undefined : call.outcome.error;
  switch (verdict.stage) {
    case "validate":
    case "decode": {
      if (error?.path !== undefined && error.expected !== undefined) return `${verdict.stage}: ${error.path || "/"} expected ${error.expected}`;
      if (error?.path !== undefined) return `${verdict.stage}: ${error.path || "/"} ${firstIssueMessage(error.message)}`;
      return `${verdict.stage}: ${verdict.reason ?? verdict.outcome}`;
    }
    case "resolve":
      return `resolve: unknown tool${error?.availableTools?.length ? ` (closest: ${error.availableTools.slice(0, 3).join(", ")})` : ""}`;
    case "policy":
      return `policy: deny${verdict.ruleId ? ` (${verdict.ruleId})` : ""}`;
    case "approval": {
      const approver = approverOf(verdict);
      return `approval: rejected${approver ? ` by ${approver}` : ""}`;
    }
    default:
      // Execution and output failures: the reason is the tool's own message, which is what a reader needs.
      return `${verdict.stage}: ${verdict.reason ?? error?.message ?? verdict.outcome}`;
  }
}

function approverOf(verdict: Verdict): string | undefined {
  const detail = verdict.detail;
  if (detail !== null && typeof detail === "object" && !Array.isArray(detail) && typeof detail.approver === "string") return detail.approver;
  return undefined;
}

/** "invalid arguments for x: /a: must be integer; /b: ..." → "must be integer". */
function firstIssueMessage(message: string): string {
  const match = /: \/[^:]*: ([^;]+)/.exec(message) ?? /: ([^;]+)$/.exec(message);
  return match?.[1]?.trim() ?? message;
}

/** Milliseconds with at most one decimal: gate calls are often well under one. */
export function formatMs(ms: number): string {
  return ms >= 100 ? String(Math.round(ms)) : String(Math.round(ms * 10) / 10);
}

export function formatCallsTable(calls: readonly CallRecord[]): string {
  const header = ["step", "tool", "status", "verdict", "ms"];
  const rows = calls.map((call) => [
    String(call.step),
    call.toolName ?? call.proposed.name,
    call.status,
    truncate(decidingVerdict(call), maxVerdictWidth),
    formatMs(call.durationMs),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [render(header), ...rows.map(render)].join("\n");
}

/** `3 steps · 2 calls · 57 tokens · stop: no-tool-calls · 812 ms` */
export function formatSummary(trace: Trace): string {
  return [
    plural(trace.steps.length, "step"),
    plural(trace.calls.length, "call"),
    `${trace.usage.totalTokens} tokens`,
    `stop: ${trace.stopReason}`,
    `${formatMs(trace.durationMs)} ms`,
  ].join(" · ");
}

/** One line per chat turn: each call with its status, then the totals. */
export function formatTurnSummary(trace: Trace): string {
  const calls = trace.calls.map((call) => {
    const name = call.toolName ?? call.proposed.name;
    return call.status === "succeeded" ? `${name} ok` : `${name} ${call.status} (${decidingVerdict(call)})`;
  });
  return `[${[calls.join(", "), formatSummary(trace)].filter((part) => part !== "").join(" · ")}]`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}
