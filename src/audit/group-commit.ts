// Group commit: writes that arrive while a transaction is in flight share the next one; each resolves only after its own commit.

export interface GroupCommitStats {
  /** Transactions attempted (committed or failed). */
  transactions: number;
  /** Entries submitted. */
  entries: number;
  /** The most entries one transaction carried. */
  largestBatch: number;
  /** The most transactions in flight at once (above 1 only where the backend pipelines commits). */
  mostInFlight: number;
}

export interface GroupCommitter<Entry, Result> {
  /** Queues an entry; resolves with its result once the transaction carrying it has committed, rejects if it failed. */
  submit(entry: Entry): Promise<Result>;
  /** Resolves once everything submitted so far has been committed or has failed. */
  drain(): Promise<void>;
  readonly stats: Readonly<GroupCommitStats>;
}

export interface GroupCommitOptions<Entry, Result> {
  /** Writes the entries in one transaction, in order, and returns one result per entry. Throwing fails them all. */
  commit(batch: Entry[]): Promise<Result[]> | Result[];
  /** Entries that must be alone in their transaction (a retention cut). */
  isolated?: (entry: Entry) => boolean;
  /** How much an entry weighs against `maxBatchWeight` (events, not calls); 1 by default. */
  weight?: (entry: Entry) => number;
  /** Bounds one transaction's size; an entry heavier than this still goes, alone. */
  maxBatchWeight?: number;
  /**
   * When to start a transaction once something is queued. The default, setImmediate, lets every append issued in
   * the same turn of the event loop join one transaction — what makes group commit work for a synchronous driver.
   */
  schedule?: (run: () => void) => void;
  /**
   * How many transactions may be in flight at once (asked before each one; 1 by default). Above 1, the next batch is
   * handed to `commit` while earlier ones are still committing: `commit` must plan it after them (a backend whose
   * commits run in order elsewhere, such as a writer thread). An isolated entry still waits until nothing is in flight.
   */
  maxInFlight?: () => number;
}

interface Pending<Entry, Result> {
  entry: Entry;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommitter<Entry, Result>(options: GroupCommitOptions<Entry, Result>): GroupCommitter<Entry, Result> {
  const queue: Array<Pending<Entry, Result>> = [];
  const idleWaiters: Array<() => void> = [];
  const stats: GroupCommitStats = { transactions: 0, entries: 0, largestBatch: 0, mostInFlight: 0 };
  const schedule = options.schedule ?? ((run: () => void) => void setImmediate(run));
  const weight = options.weight ?? (() => 1);
  const isolated = options.isolated ?? (() => false);
  const maxWeight = options.maxBatchWeight ?? Number.POSITIVE_INFINITY;
  const maxInFlight = options.maxInFlight ?? (() => 1);
  let active = false;
  let wakeOnArrival: (() => void) | undefined;

  const takeBatch = (): Array<Pending<Entry, Result>> => {
    const first = queue.shift()!;
    const batch = [first];
    if (isolated(first.entry)) return batch;
    let total = weight(first.entry);
    while (queue.length > 0) {
      const next = queue[0]!;
      if (isolated(next.entry) || total + weight(next.entry) > maxWeight) break;
      total += weight(next.entry);
      batch.push(queue.shift()!);
    }
    return batch;
  };

  /** Commits one batch and settles its entries; never rejects. */
  const commitBatch = async (batch: Array<Pending<Entry, Result>>): Promise<void> => {
    stats.transactions++;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    try {
      const results = await options.commit(batch.map((pending) => pending.entry));
      if (results.length !== batch.length) throw new Error(`commit returned ${results.length} results for ${batch.length} entries`);
      batch.forEach((pending, index) => pending.resolve(results[index]!));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  };

  const inFlight = new Set<Promise<void>>();
  let isolatedInFlight = false;
  const run = async (): Promise<void> => {
    while (queue.length > 0 || inFlight.size > 0) {
      // An isolated entry waits until nothing is in flight, and nothing starts while it is.
      const wait = queue.length === 0 || inFlight.size >= Math.max(1, maxInFlight()) || (inFlight.size > 0 && (isolatedInFlight || isolated(queue[0]!.entry)));
      if (wait) {
        // Whatever arrives meanwhile joins the next batch. With nothing queued, an arrival may start it at once if the
        // backend takes more than one transaction in flight (submit wakes this wait).
        const arrival = queue.length === 0 ? new Promise<void>((resolve) => (wakeOnArrival = resolve)) : undefined;
        await Promise.race(arrival ? [...inFlight, arrival] : inFlight);
        wakeOnArrival = undefined;
        continue;
      }
      const batch = takeBatch();
      const alone = isolated(batch[0]!.entry);
      if (alone) isolatedInFlight = true;
      const committing: Promise<void> = commitBatch(batch).finally(() => {
        inFlight.delete(committing);
        if (alone) isolatedInFlight = false;
      });
      inFlight.add(committing);
      stats.mostInFlight = Math.max(stats.mostInFlight, inFlight.size);
    }
    active = false;
    for (const wake of idleWaiters.splice(0)) wake();
  };

  return {
    stats,
    submit(entry) {
      stats.entries++;
      return new Promise<Result>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        if (active) {
          const wake = wakeOnArrival;
          if (wake !== undefined && !isolatedInFlight && inFlight.size < maxInFlight()) {
            wakeOnArrival = undefined;
            // Scheduled like a first start, so appends issued in the same turn still share the transaction.
            schedule(wake);
          }
          return;
        }
        active = true;
        schedule(() => void run());
      });
    },
    drain() {
      if (!active) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
