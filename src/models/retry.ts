/**
 * Provider-neutral retries: exponential backoff with full jitter, bounded by a retry count and a total time
 * budget, honouring the server's Retry-After, and abort-aware while sleeping (the SDKs' own backoff ignores
 * abort signals, so adapters turn theirs off and use this).
 * @module
 */
import { AbortError, abortErrorFrom, isDragomanError, UserInputError } from '../errors.js';

/** How many times, and how patiently, to retry a failed call. */
export interface RetryOptions {
  /** Retries after the first attempt; `0` disables retrying. @default 2 */
  maxRetries?: number;
  /** Total time budget for all attempts and waits, from the first attempt. @default 60_000 */
  maxElapsedMs?: number;
  /** Upper bound of the first backoff; doubles on every retry. @default 500 */
  baseDelayMs?: number;
  /** Cap on one backoff wait (Retry-After is not capped by this, only by the time budget). @default 8_000 */
  maxDelayMs?: number;
}

/** One retry about to happen, as reported to {@link RetryControl.onRetry}. */
export interface RetryAttempt {
  /** 1 for the first retry. */
  retry: number;
  /** How long we wait before it. */
  delayMs: number;
  /** Why the previous attempt failed. */
  error: unknown;
}

/** {@link RetryOptions} plus the per-call signal and the injectable policy and clock. */
export interface RetryControl extends RetryOptions {
  /** Aborts the wait and the remaining attempts with an {@link AbortError}. */
  signal?: AbortSignal;
  /** Whether a failure may succeed on retry. @default {@link isRetryableError} */
  isRetryable?: (error: unknown) => boolean;
  /** Milliseconds the server asked us to wait, if any. @default {@link retryAfterFromError} */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Uniform random number in [0, 1), for the jitter. @default Math.random */
  random?: () => number;
  /** Waits `ms` or rejects with an {@link AbortError} when `signal` aborts. @default {@link sleep} */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Current time in ms. @default Date.now */
  now?: () => number;
  /** Called before each wait; for logs and events. */
  onRetry?: (attempt: RetryAttempt) => void;
}

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY_OPTIONS: Readonly<Required<RetryOptions>> = {
  maxRetries: 2,
  maxElapsedMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

/**
 * True for errors carrying `retryable: true`: dragoman's `ApiError` for 429 and 5xx, and `ConnectionError`
 * for network failures and timeouts. Aborts and everything else are final.
 */
export function isRetryableError(error: unknown): boolean {
  if (!isDragomanError(error) || error.code === 'aborted') return false;
  return (error as { retryable?: unknown }).retryable === true;
}

/** The `retryAfterMs` field of a dragoman `ApiError`, when it is a finite non-negative number. */
export function retryAfterFromError(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Full-jitter backoff: a random wait in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))). */
export function backoffDelay(retry: number, options: RetryOptions = {}, random: () => number = Math.random) {
  const base = options.baseDelayMs ?? DEFAULT_RETRY_OPTIONS.baseDelayMs;
  const cap = options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Waits `ms`; rejects at once with an {@link AbortError} when `signal` aborts, leaving no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortErrorFrom(signal, 'The retry wait'));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal as AbortSignal, 'The retry wait'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Checks {@link RetryOptions} values, naming the bad one. */
export function validateRetryOptions(options: RetryOptions, path = 'retry'): void {
  for (const key of ['maxRetries', 'maxElapsedMs', 'baseDelayMs', 'maxDelayMs'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    const ok = key === 'maxRetries' ? Number.isInteger(value) && value >= 0 : value >= 0;
    if (typeof value !== 'number' || Number.isNaN(value) || !ok) {
      throw new UserInputError('invalid-config', `${path}.${key} is ${String(value)}.`, {
        path: `${path}.${key}`,
        hint: `Use a ${key === 'maxRetries' ? 'whole number' : 'number of milliseconds'} >= 0.`,
      });
    }
  }
}

/**
 * Runs `attempt` and retries it on retryable failures.
 *
 * Each wait is the server's Retry-After when given (no jitter: the server knows best), else a full-jitter
 * backoff. No wait ever runs past `maxElapsedMs`: a jittered wait is shortened to the remaining budget, and
 * when the server asks for longer than the remaining budget we stop and throw its error at once (waiting
 * less than asked would only earn another 429). Aborting `signal` ends the wait immediately with an
 * {@link AbortError}. Streams must call this only for the part before the first delta is delivered.
 *
 * @example
 * const response = await withRetry((retry) => send(request), { signal, maxRetries: 3 });
 */
export async function withRetry<T>(
  attempt: (retry: number) => Promise<T>,
  control: RetryControl = {},
): Promise<T> {
  validateRetryOptions(control);
  const maxRetries = control.maxRetries ?? DEFAULT_RETRY_OPTIONS.maxRetries;
  const budget = control.maxElapsedMs ?? DEFAULT_RETRY_OPTIONS.maxElapsedMs;
  const now = control.now ?? Date.now;
  const wait = control.sleep ?? sleep;
  const isRetryable = control.isRetryable ?? isRetryableError;
  const retryAfter = control.retryAfterMs ?? retryAfterFromError;
  const { signal } = control;
  const startedAt = now();
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) throw abortErrorFrom(signal, 'The call');
    try {
      return await attempt(retry);
    } catch (error) {
      if (error instanceof AbortError) throw error;
      if (signal?.aborted) throw abortErrorFrom(signal, 'The call');
      if (retry >= maxRetries || !isRetryable(error)) throw error;
      const remaining = budget - (now() - startedAt);
      const asked = retryAfter(error);
      if (remaining <= 0 || (asked !== undefined && asked > remaining)) throw error;
      const delayMs = asked ?? Math.min(remaining, backoffDelay(retry + 1, control, control.random));
      control.onRetry?.({ retry: retry + 1, delayMs, error });
      await wait(delayMs, signal);
    }
  }
}

/**
 * Parses an HTTP `Retry-After` value, either delay-seconds (`"2"`, `"1.5"`) or an HTTP-date, into
 * milliseconds from `now`. Returns `undefined` for a missing or unreadable value; a past date gives `0`.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
