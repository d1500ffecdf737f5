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
  /** Shares one timer between the calls of a client; see {@link createStartTimeoutTimer}. */
  timer?: StartTimeoutTimer;
}

/**
 * One timer shared by many calls' start timeouts (one per client), so a call costs a set insertion instead
 * of arming and clearing its own timer. The timer fires at the earliest pending deadline; a call that
 * started answering is simply forgotten.
 */
export interface StartTimeoutTimer {
  /** Aborts `controller` with a `TimeoutError` after `timeoutMs`, unless `clear` is called first. */
  start(controller: AbortController, timeoutMs: number): StartTimeoutEntry;
  /** Forgets a call: its deadline no longer fires. */
  clear(entry: StartTimeoutEntry): void;
}

/** A pending deadline of a {@link StartTimeoutTimer}. */
export interface StartTimeoutEntry {
  readonly at: number;
  readonly controller: AbortController;
  readonly timeoutMs: number;
}

function timeoutReason(timeoutMs: number): DOMException {
  return new DOMException(`No response within ${timeoutMs} ms`, 'TimeoutError');
}

/**
 * Creates a {@link StartTimeoutTimer}. While calls are pending its timer keeps the process alive, as a
 * per-call timer would; when none are, the timer is left armed but unreferenced, and firing with nothing due
 * just re-arms for the next deadline (or stops).
 */
export function createStartTimeoutTimer(now: () => number = () => Date.now()): StartTimeoutTimer {
  const pending = new Set<StartTimeoutEntry>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Number.POSITIVE_INFINITY;
  const arm = (at: number) => {
    if (timer !== undefined) clearTimeout(timer);
    armedAt = at;
    timer = setTimeout(fire, Math.max(0, at - now()));
  };
  const fire = () => {
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
    const time = now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of pending) {
      if (entry.at <= time) {
        pending.delete(entry);
        entry.controller.abort(timeoutReason(entry.timeoutMs));
      } else if (entry.at < next) next = entry.at;
    }
    if (next !== Number.POSITIVE_INFINITY) arm(next);
  };
  return {
    start(controller, timeoutMs) {
      const entry = { at: now() + timeoutMs, controller, timeoutMs };
      pending.add(entry);
      if (entry.at < armedAt) arm(entry.at);
      else if (pending.size === 1) timer?.ref();
      return entry;
    },
    clear(entry) {
      if (pending.delete(entry) && pending.size === 0) timer?.unref();
    },
  };
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
 * resolves. `start` should resolve as soon as the response has started (e.g. `fetch`, or an SDK stream call,
 * which resolves on headers); the timer is cleared then, so the rest of the body or stream is not bounded,
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
  const controller = new AbortController();
  const shared = options.timer;
  const entry = shared?.start(controller, timeoutMs);
  const timer = entry ? undefined : setTimeout(abortOnTimeout, timeoutMs, controller, timeoutMs);
  const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  try {
    return await start(combined);
  } catch (error) {
    // Only the deadline aborts our own controller.
    if (controller.signal.aborted && !signal?.aborted) {
      throw new ConnectionError(
        'timeout',
        `${options.what ?? 'The request'} did not start responding within ${timeoutMs} ms.`,
        { cause: error, hint: 'Raise timeoutMs if the model is slow to answer, or check the server.' },
      );
    }
    throw error;
  } finally {
    if (entry) shared?.clear(entry);
    else clearTimeout(timer);
  }
}

function abortOnTimeout(controller: AbortController, timeoutMs: number): void {
  controller.abort(timeoutReason(timeoutMs));
}
