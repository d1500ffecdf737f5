/** Items being mapped concurrently, read back one at a time as each one finishes. */
export interface Completions<Result> {
  /**
   * The index of the next item to finish, in completion order. Rejects with the first error of any item
   * (even if other finished items were not read yet); call it at most once per item, one call at a time.
   */
  next(): Promise<number>;
  /** Each finished item's result, at its index. */
  readonly results: readonly Result[];
  /** Starts no further items. Items already running go on; their results and errors are dropped. */
  stop(): void;
}

/**
 * Maps `items` with an async function, at most `concurrency` at a time, starting them in input order, and
 * hands back their indexes in the order they finish. No error is ever left unhandled: the first one rejects
 * the pending or next `next()`, later ones are dropped.
 */
export function completions<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  map: (item: Item, index: number) => Promise<Result>,
): Completions<Result> {
  const results = new Array<Result>(items.length);
  const finished: number[] = [];
  let read = 0;
  let started = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let waiting: { resolve: (index: number) => void; reject: (error: unknown) => void } | undefined;

  const wake = () => {
    if (waiting === undefined) return;
    const { resolve, reject } = waiting;
    if (failure) {
      waiting = undefined;
      reject(failure.error);
    } else if (read < finished.length) {
      waiting = undefined;
      resolve(finished[read++] as number);
    }
  };
  const worker = async (): Promise<void> => {
    while (started < items.length && !stopped && failure === undefined) {
      const index = started++;
      results[index] = await map(items[index] as Item, index);
      finished.push(index);
      wake();
    }
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    wake();
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  for (let count = 0; count < workers; count++) worker().catch(fail);

  return {
    results,
    next() {
      if (failure) return Promise.reject(failure.error);
      if (read < finished.length) return Promise.resolve(finished[read++] as number);
      return new Promise<number>((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    stop() {
      stopped = true;
    },
  };
}
