// Splits a BFCL run over two threads: which categories this thread scores and which a worker thread scores.
import { availableParallelism, loadavg } from "node:os";
import { runsMultiTurn } from "./categories.js";

export interface LanePlan {
  /** Scored in this thread, in order: the single-turn categories, then the first multi-turn ones. */
  here: string[];
  /** Scored in a worker thread, in order: the remaining multi-turn categories (none when there are no multi-turn ones). */
  worker: string[];
}

/**
 * A multi-turn entry costs about this many single-turn entries to score (measured on the shared BFCL results: ~2.2 ms
 * against ~0.23 ms of CPU; each multi-turn entry runs a simulation on two sides, a single-turn entry is one check).
 */
export const multiTurnEntryCost = 10;

/**
 * What this thread pays, in the same units, before its first multi-turn entry: compiling and warming the simulation
 * it would otherwise never run (≈ 0.4 s of CPU, a cold multi-turn category against the same one warm). The worker pays
 * it anyway. Without it in the sum the plan moved multi_turn_base here for the shared results, and the run got slower
 * (whole `eval score` processes, 8 alternating runs each: 2.10 s median wall with the move, 1.96 s without).
 */
const multiTurnWarmUpCost = 2000;

/**
 * The split with the shorter longer half. Multi-turn categories stay in BFCL's order and are cut once: this thread takes
 * a prefix, the worker the rest, so each side still runs its multi-turn entries in the reference's order (the caller
 * checks that the prefix left nothing behind for the rest to see; see scoreBfclResults). Costs are entry counts, a
 * multi-turn entry weighted by {@link multiTurnEntryCost}, plus this thread's warm-up (`warmUpCost`, by default
 * {@link multiTurnWarmUpCost}) when it takes any multi-turn one. With `splitMultiTurn: false` the worker takes every
 * multi-turn category (see {@link secondCoreIsIdle}).
 */
export function planLanes(categories: readonly string[], entries: (category: string) => number, options: { splitMultiTurn?: boolean; warmUpCost?: number } = {}): LanePlan {
  const warmUpCost = options.warmUpCost ?? multiTurnWarmUpCost;
  const singleTurn = categories.filter((category) => !runsMultiTurn(category));
  const multiTurn = categories.filter(runsMultiTurn);
  if (multiTurn.length === 0) return { here: [...singleTurn], worker: [] };
  if (options.splitMultiTurn === false) return { here: [...singleTurn], worker: multiTurn };
  const cost = multiTurn.map((category) => entries(category) * multiTurnEntryCost);
  let here = singleTurn.reduce((sum, category) => sum + entries(category), 0);
  let worker = cost.reduce((sum, value) => sum + value, 0);
  // Move multi-turn categories to this thread while that shortens the longer side; the worker keeps at least the last.
  let cut = 0;
  while (cut < multiTurn.length - 1) {
    const next = (cost[cut] as number) + (cut === 0 ? warmUpCost : 0);
    const relieved = cost[cut] as number;
    if (Math.max(here + next, worker - relieved) >= Math.max(here, worker)) break;
    here += next;
    worker -= relieved;
    cut++;
  }
  return { here: [...singleTurn, ...multiTurn.slice(0, cut)], worker: multiTurn.slice(cut) };
}

/**
 * Whether splitting the multi-turn categories pays: each thread that runs multi-turn entries compiles and warms the
 * simulation anew (≈ 0.4 s of CPU), which buys wall time only when the second core would otherwise idle. On a busy
 * machine (load average at or above the core count) the threads just share the same cores, so the split only adds CPU.
 */
export function secondCoreIsIdle(loadAverage: number = loadavg()[0] ?? 0, cores: number = availableParallelism()): boolean {
  return cores >= 2 && loadAverage < cores;
}
