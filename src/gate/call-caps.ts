// Calls per step and per run: a model that proposes a thousand calls at once gets the first few run and a clear error for the rest.
import type { ToolError } from "../record/index.js";

export interface CallCaps {
  /** Calls one model step may propose that are gated normally; the rest are refused. Default 32. */
  perStep?: number;
  /** Calls one run (trace) may propose in all. Default 256. */
  perRun?: number;
  /**
   * A run resumed after a pause, in a gate that did not see its start: the calls it proposed before (kept in the paused
   * state) count toward `perRun`, so pausing and resuming never restarts the count.
   */
  resumed?: { traceId: string; callsBefore: number };
}

const defaultCallCaps: Required<Omit<CallCaps, "resumed">> = { perStep: 32, perRun: 256 };

/** Why a call was refused by a cap: the rule id the verdict names, and what the model is told. */
interface CapRefusal {
  ruleId: "limit:calls-per-step" | "limit:calls-per-run";
  error: ToolError;
  detail: { max: number; proposed: number; step: number };
}

export interface CallCapCounter {
  /** Counts one proposed call; a refusal when it is over a cap (it is still counted, so the numbers say how many came). */
  take(traceId: string, step: number): CapRefusal | undefined;
}

/** Runs the gate keeps counts for; a gate reused by a long session forgets the oldest runs past this. */
const maxTrackedRuns = 1000;

export function callCapCounter(caps: CallCaps = {}): CallCapCounter {
  const perStep = caps.perStep ?? defaultCallCaps.perStep;
  const perRun = caps.perRun ?? defaultCallCaps.perRun;
  const runs = new Map<string, { total: number; step: number; inStep: number }>();
  return {
    take(traceId, step) {
      let run = runs.get(traceId);
      if (!run) {
        if (runs.size >= maxTrackedRuns) runs.delete(runs.keys().next().value!);
        run = { total: caps.resumed?.traceId === traceId ? caps.resumed.callsBefore : 0, step, inStep: 0 };
        runs.set(traceId, run);
      }
      if (run.step !== step) {
        run.step = step;
        run.inStep = 0;
      }
      run.total++;
      run.inStep++;
      if (run.inStep > perStep) {
        return {
          ruleId: "limit:calls-per-step",
          detail: { max: perStep, proposed: run.inStep, step },
          error: {
            code: "limit_exceeded",
            message: `not run: at most ${perStep} calls run per step and this is call ${run.inStep} of step ${step}; the first ${perStep} were handled. Propose the rest in a later step (fewer at a time), or use a tool that takes many items at once`,
            expected: `at most ${perStep} calls per step`,
          },
        };
      }
      if (run.total > perRun) {
        return {
          ruleId: "limit:calls-per-run",
          detail: { max: perRun, proposed: run.total, step },
          error: {
            code: "limit_exceeded",
            message: `not run: this run has reached its limit of ${perRun} calls (this is call ${run.total}); no further calls will run. Answer the user with what you have`,
            expected: `at most ${perRun} calls per run`,
          },
        };
      }
      return undefined;
    },
  };
}
