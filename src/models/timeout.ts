/**
 * Provider-neutral start-of-response timeout: bounds the wait until a response starts (headers arrive),
 * never the length of a healthy stream. Combines with the caller's abort signal.
 * @module
 */
import { ConnectionError, UserInputError } from '../errors.js';

/** Default wait for a response to start: 60 s. */
export const DEFAULT_START_TIMEOUT_MS = 60_000;

/** Options of {@link withStartTimeout}. */
export interface StartTimeoutOptions {
  /** How long the response may take to start; `Infinity` or `0` turns the timeout off. */
  timeoutMs: number;
  /** The caller's signal; aborting it aborts the request as usual (not reported as a timeout). */
  signal?: AbortSignal;
  /** Names the call in the timeout message, e.g. `POST /v1/chat/completions (mistral-small-latest)`. */
  what?: string;
}

/** Checks a timeout value, naming it: a number of milliseconds >= 0, or `Infinity`. */
export function validateTimeoutMs(timeoutMs: unknown, path = 'timeoutMs'): void {
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw new UserInputError('invalid-config', `${path} is ${String(timeoutMs)}.`, {
      path,
      hint: 'Use a number of milliseconds > 0 (or 0 / Infinity to wait forever).',
    });
  }
}

/**
 * Calls `start` with a signal that aborts when the caller aborts or when `timeoutMs` passes before `start`
 * resolves. `start` should resolve as soon as the response has started (e.g. `fetch`, which resolves on
 * headers, or a stream's first delta); the timer is cleared then, so the rest of the body or stream is not bounded,
 * while the signal stays wired to the caller's. For a non-streamed call the server usually sends headers only
 * when the whole answer is ready, so there the timeout bounds the whole generation.
 *
 * On expiry, rejects with a `ConnectionError` code `timeout` (retryable) naming the milliseconds.
 *
 * @example
 * const response = await withStartTimeout((signal) => fetch(url, { signal }), { timeoutMs: 30_000, signal });
 */
export async function withStartTimeout<T>(
  start: (signal: AbortSignal) => Promise<T>,
  options: StartTimeoutOptions,
): Promise<T> {
  const { timeoutMs, signal } = options;
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0)) validateTimeoutMs(timeoutMs);
  if (timeoutMs === 0 || timeoutMs === Number.POSITIVE_INFINITY) {
    return start(signal ?? new AbortController().signal);
  }
  // Not AbortSignal.timeout: its timer cannot be cleared, and the fetch keeps this signal for the whole body.
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException(`No response within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  try {
    return await start(combined);
  } catch (error) {
    if (deadline.signal.aborted && !signal?.aborted) {
      throw new ConnectionError(
        'timeout',
        `${options.what ?? 'The request'} did not start responding within ${timeoutMs} ms.`,
        { cause: error, hint: 'Raise timeoutMs if the model is slow to answer, or check the server.' },
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
