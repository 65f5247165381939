// Requests the gateway has started and not yet recorded: a graceful stop waits for them before it closes the stores.

export interface InFlightWork {
  /** Requests begun and not yet finished (recorded, for those the audit trail sees). */
  readonly count: number;
  /** Marks one request begun; the function returned ends it (calling it again does nothing). */
  begin(): () => void;
  /** Resolves once nothing is in flight, or after `timeoutMs`; true when it drained. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function inFlightWork(): InFlightWork {
  let count = 0;
  const waiters = new Set<() => void>();
  return {
    get count() {
      return count;
    },
    begin() {
      count++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        if (--count === 0) for (const wake of [...waiters]) wake();
      };
    },
    idle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(count === 0);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
