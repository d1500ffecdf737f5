/** How a stream's producer settles the outcome that `result()` returns. */
export interface SettleResult<Result> {
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** An event stream that can be iterated once, plus its outcome. */
export interface ResultStream<Event, Result> extends AsyncIterable<Event> {
  /** The outcome; when nobody iterates the events, calling it drains them to reach the outcome. */
  result(): Promise<Result>;
}

/**
 * Wraps an event producer as a {@link ResultStream}: iterating a second time throws `alreadyIterated()`,
 * and `result()` before any iteration drains the events itself (they went to their listeners already).
 * The producer settles the outcome; settling twice keeps the first.
 */
export function resultStream<Event, Result>(
  produce: (settle: SettleResult<Result>) => AsyncGenerator<Event, void>,
  alreadyIterated: () => Error,
): ResultStream<Event, Result> {
  let settle!: SettleResult<Result>;
  const outcome = new Promise<Result>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // result() may never be called; the producer's error also reaches the iterating consumer.
  outcome.catch(() => {});
  let started = false;

  async function* iterate(): AsyncGenerator<Event, void> {
    if (started) throw alreadyIterated();
    started = true;
    yield* produce(settle);
  }

  return {
    [Symbol.asyncIterator]: iterate,
    result() {
      if (!started) {
        void (async () => {
          for await (const _event of iterate()) {
            // draining: the outcome is settled at the end of the events
          }
        })().catch(() => {});
      }
      return outcome;
    },
  };
}
