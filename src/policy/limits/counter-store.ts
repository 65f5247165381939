// Where limit counters live: the interface, and the in-memory store (one process, forgotten on restart).

/** One fixed-window counter: consume `amount` of `max` in the window starting at `windowStartMs`, or refuse without consuming. */
export interface CounterTake {
  key: string;
  amount: number;
  max: number;
  windowStartMs: number;
}

export interface CounterResult {
  allowed: boolean;
  /** Usage in the window after this take (unchanged when refused). */
  used: number;
}

export interface CounterStore {
  /** Check and consume in one step, so two concurrent calls can never both take the last unit. */
  take(request: CounterTake): CounterResult | Promise<CounterResult>;
  close?(): void | Promise<void>;
}

export function memoryCounterStore(): CounterStore {
  const counters = new Map<string, { windowStartMs: number; used: number }>();
  return {
    take({ key, amount, max, windowStartMs }) {
      const current = counters.get(key);
      const used = current && current.windowStartMs === windowStartMs ? current.used : 0;
      if (used + amount > max) return { allowed: false, used };
      counters.set(key, { windowStartMs, used: used + amount });
      return { allowed: true, used: used + amount };
    },
  };
}
