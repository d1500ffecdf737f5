import { abortErrorFrom } from '../../errors.js';
import { abortable } from '../abortable.js';

/**
 * Runs `task` at most once successfully, sharing the in-flight promise between concurrent callers. Each
 * caller may abort its own wait; the task itself is aborted only when every waiting caller has aborted.
 * A failed run is forgotten, so the next call tries again. Returns the function that starts or joins it.
 */
export function createSharedOnce<T>(
  task: (signal: AbortSignal) => Promise<T>,
): (signal?: AbortSignal) => Promise<T> {
  let result: { value: T } | undefined;
  let pending: { promise: Promise<T>; controller: AbortController; waiters: number } | undefined;

  return async (signal) => {
    if (result) return result.value;
    if (signal?.aborted) throw abortErrorFrom(signal, 'The catalog refresh');
    if (!pending) {
      const controller = new AbortController();
      const promise = task(controller.signal).then(
        (value) => {
          result = { value };
          pending = undefined;
          return value;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      pending = { promise, controller, waiters: 0 };
    }
    const current = pending;
    current.waiters++;
    try {
      return await (signal ? abortable(current.promise, signal, 'The catalog refresh') : current.promise);
    } finally {
      current.waiters--;
      if (current.waiters === 0 && signal?.aborted && pending === current) {
        pending = undefined;
        current.controller.abort(signal.reason);
      }
    }
  };
}
