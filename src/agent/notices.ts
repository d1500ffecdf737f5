/**
 * Events that callbacks report while the loop awaits something (a tool's progress, a model call's retries).
 * The loop is a generator and cannot yield from inside a callback, so the callback pushes here and the loop
 * yields what arrived while it waits, as it arrives.
 */
export class Notices<Notice> {
  #queue: Notice[] = [];
  #wake: (() => void) | undefined;

  /** Queues a notice and wakes the waiting loop. */
  push(notice: Notice): void {
    this.#queue.push(notice);
    this.#wakeUp();
  }

  /** Yields the queued notices, without waiting. */
  *flush(): Generator<Notice, void> {
    while (this.#queue.length > 0) yield this.#queue.shift() as Notice;
  }

  /** Yields notices as they arrive until `promise` settles, then the rest; returns (or throws) its outcome. */
  async *until<Result>(promise: Promise<Result>): AsyncGenerator<Notice, Result> {
    let outcome: { ok: true; value: Result } | { ok: false; error: unknown } | undefined;
    void promise
      .then(
        (value) => {
          outcome = { ok: true, value };
        },
        (error: unknown) => {
          outcome = { ok: false, error };
        },
      )
      .then(() => this.#wakeUp());
    for (;;) {
      yield* this.flush();
      if (outcome !== undefined) break;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
