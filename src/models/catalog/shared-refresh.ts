import { abortErrorFrom } from '../../errors.js';

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
      return await raceAbort(current.promise, signal);
    } finally {
      current.waiters--;
      if (current.waiters === 0 && signal?.aborted && pending === current) {
        pending = undefined;
        current.controller.abort(signal.reason);
      }
    }
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortErrorFrom(signal, 'The catalog refresh'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
