// Where paused runs wait between processes: sealed into a run-state store (the approval store), read back and opened.
import type { RunState } from "./run-state.js";
import type { RunStateKey } from "./sealed-run-state.js";
import { sealRunState, unsealRunState } from "./sealed-run-state.js";

/** What keeps the sealed states; the approval store implements it. */
export interface RunStateStore {
  saveRunState(traceId: string, state: object): Promise<void>;
  loadRunState(traceId: string): Promise<unknown>;
}

export interface PausedRuns {
  save(state: RunState): Promise<void>;
  /** The state last saved for the run, opened; undefined when the run never paused here. */
  load(traceId: string): Promise<RunState | undefined>;
}

/** Every save is sealed, so a store holds no conversation, argument or result in clear (see sealed-run-state.ts). */
export function pausedRuns(store: RunStateStore, key: RunStateKey): PausedRuns {
  return {
    save: (state) => store.saveRunState(state.traceId, sealRunState(state, key)),
    async load(traceId) {
      const saved = await store.loadRunState(traceId);
      return saved === undefined ? undefined : unsealRunState(saved, key, traceId);
    },
  };
}
