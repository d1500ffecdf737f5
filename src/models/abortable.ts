import { abortErrorFrom } from '../errors.js';

/**
 * Waits for `promise`, or rejects with an `AbortError` as soon as `signal` aborts, whichever comes first.
 * For work we await but do not control (a custom router, a memory store, a shared catalog refresh) that may
 * ignore the signal.
 */
export function abortable<Value>(promise: Promise<Value>, signal: AbortSignal, what: string): Promise<Value> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortErrorFrom(signal, what));
  }
  return new Promise<Value>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(abortErrorFrom(signal, what));
    };
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
