// Where paused runs wait between processes: sealed into a run-state store (the approval store), read back and opened.
import type { RunState } from "./run-state.js";
import type { RunStateKey } from "./sealed-run-state.js";
import { sealRunState, unsealRunState } from "./sealed-run-state.js";

/** What keeps the sealed states; the approval store implements it. */
export interface RunStateStore {
  saveRunState(traceId: string, state: object): Promise<void>;
  loadRunState(traceId: string): Promise<unknown>;
  /** Replaces the kept state only if it is still `expected` (see the approval store); without it, claims are not atomic. */
  claimRunState?(traceId: string, expected: object | undefined, claimed: object): Promise<boolean>;
}

export interface PausedRuns {
  save(state: RunState): Promise<void>;
  /** The state last saved for the run, opened; undefined when the run never paused here. */
  load(traceId: string): Promise<RunState | undefined>;
  /**
   * Saves `claimed` (the run marked taken over) only if the kept state is still the one this object last loaded for
   * the run: false when another resume got there first, or the run paused again since. Atomic in the SQL stores.
   */
  claim(claimed: RunState): Promise<boolean>;
}

/** Every save is sealed, so a store holds no conversation, argument or result in clear (see sealed-run-state.ts). */
export function pausedRuns(store: RunStateStore, key: RunStateKey): PausedRuns {
  // The sealed text last read per run: a claim succeeds only over exactly that (sealing twice never gives the same bytes).
  const lastRead = new Map<string, object | undefined>();
  const load = async (traceId: string): Promise<RunState | undefined> => {
    const saved = await store.loadRunState(traceId);
    lastRead.set(traceId, saved === undefined ? undefined : (saved as object));
    return saved === undefined ? undefined : unsealRunState(saved, key, traceId);
  };
  return {
    save: (state) => store.saveRunState(state.traceId, sealRunState(state, key)),
    load,
    async claim(claimed) {
      const sealed = sealRunState(claimed, key);
      if (!store.claimRunState) {
        await store.saveRunState(claimed.traceId, sealed);
        return true;
      }
      // Never read through this object: the claim is over the state kept now.
      if (!lastRead.has(claimed.traceId)) await load(claimed.traceId);
      return store.claimRunState(claimed.traceId, lastRead.get(claimed.traceId), sealed);
    },
  };
}
