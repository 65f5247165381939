// Hot reload: watches a policy file and swaps in each valid new version at once; a run keeps the version it started with.
import { watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { PolicyDecision, PolicyInput } from "../types.js";
import type { EnginePolicy, EnginePolicyOptions } from "./engine-policy.js";
import { loadPolicy } from "./load-policy.js";

export interface WatchedPolicy {
  /** The version in force now. */
  current(): EnginePolicy;
  /** Evaluates with the version in force at the moment of the call; runAgent calls snapshot() instead, once per run. */
  evaluate(input: PolicyInput): Promise<PolicyDecision>;
  /** The current version, fixed: what a run captures at its start and uses for all its calls. */
  snapshot(): EnginePolicy;
  /** Re-reads the file now (the watcher calls this); an invalid file leaves the current version in force. */
  reload(): void;
  close(): void;
}

export interface WatchPolicyOptions extends EnginePolicyOptions {
  /** A changed file that does not load: the old version stays, this says why. */
  onError?: (error: unknown) => void;
  /** Editors write in bursts; wait this long after the last change. Default 50 ms. */
  debounceMs?: number;
}

/** Loads the file (throwing if it is invalid now), then follows its changes. Counters are shared across versions. */
export function watchPolicy(file: string, onChange: (next: EnginePolicy, previous: EnginePolicy) => void, options: WatchPolicyOptions): WatchedPolicy {
  const path = resolve(file);
  let current = loadPolicy(path, options);
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    try {
      const next = loadPolicy(path, options);
      if (next.digest === current.digest) return;
      const previous = current;
      // One assignment: a call sees either the old version or the new one, never a mix.
      current = next;
      onChange(next, previous);
    } catch (error) {
      options.onError?.(error);
    }
  };
  // Watch the directory: editors often replace the file (rename over it), which ends a watch on the file itself.
  const watcher: FSWatcher = watch(dirname(path), (_event, name) => {
    if (name !== null && name !== basename(path)) return;
    clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 50);
  });
  return {
    current: () => current,
    evaluate: (input) => current.evaluate(input),
    snapshot: () => current,
    reload,
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
